package io.medloom.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.medloom.core.model.Counts;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The marker of a finished shard, written after its Parquet file and its rejects: if the marker
 * exists, the shard is complete and a resumed build skips it. It carries the shard's tallies so
 * finishing a resumed build never re-reads earlier shards.
 *
 * @param file the Parquet file name, absent when every input of the shard was rejected
 */
public record ShardRecord(
    int shard,
    @JsonProperty("source_index") int sourceIndex,
    Optional<String> file,
    String sha256,
    Counts counts,
    @JsonProperty("split_counts") Map<String, Long> splitCounts,
    List<String> modalities,
    @JsonProperty("body_parts") List<String> bodyParts,
    List<Integer> channels,
    @JsonProperty("label_tasks") List<String> labelTasks) {
  public ShardRecord {
    labelTasks = labelTasks == null ? List.of() : List.copyOf(labelTasks);
  }
}
