package io.medloom.engine;

import io.medloom.core.model.Counts;
import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.store.BuildDirectory;
import io.medloom.store.Row;
import io.medloom.store.ShardRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A computed shard waiting to be written: rows in input order, rejections, and tallies. An input
 * whose sample id an earlier input of the shard already produced is a rejection here.
 */
record ShardWork(
    List<Row> rows,
    List<Rejection> rejections,
    Counts counts,
    Map<String, Long> splitCounts,
    List<String> modalities,
    List<String> bodyParts,
    List<Integer> channels,
    List<String> labelTasks) {

  static ShardWork of(List<ItemResult> results) {
    List<Row> rows = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    Map<String, Long> splits = new TreeMap<>();
    TreeSet<String> modalities = new TreeSet<>();
    TreeSet<String> bodyParts = new TreeSet<>();
    TreeSet<Integer> channels = new TreeSet<>();
    TreeSet<String> labelTasks = new TreeSet<>();
    long accepted = 0;
    Set<String> ids = new HashSet<>();
    for (ItemResult r : results) {
      Optional<Rejection> rejection = r.rejection().or(() -> takenId(r, ids));
      if (rejection.isPresent()) {
        rejections.add(rejection.get());
        continue;
      }
      r.rows().forEach(row -> ids.add(row.id()));
      accepted++;
      rows.addAll(r.rows());
      for (Sample s : r.samples()) {
        splits.merge(s.split().orElseThrow().wireName(), 1L, Long::sum);
        modalities.add(s.modality());
        if (!s.bodyPart().isEmpty()) {
          bodyParts.add(s.bodyPart());
        }
        s.image().ifPresent(img -> channels.add(img.channels()));
        s.labels().forEach(l -> labelTasks.add(l.task()));
      }
    }
    Counts counts = new Counts(results.size(), accepted, rejections.size(), rows.size());
    return new ShardWork(
        rows,
        rejections,
        counts,
        splits,
        List.copyOf(modalities),
        List.copyOf(bodyParts),
        List.copyOf(channels),
        List.copyOf(labelTasks));
  }

  /**
   * A rejection when one of the input's ids was already written by an earlier input of this shard,
   * or twice by the input itself. Sources list every input once and number frames uniquely, so this
   * only catches a source that breaks that promise — before the rows are written, never after.
   */
  private static Optional<Rejection> takenId(ItemResult r, Set<String> earlier) {
    Set<String> own = new HashSet<>();
    for (Row row : r.rows()) {
      String why = null;
      if (earlier.contains(row.id())) {
        why = "an earlier input of this source, which keeps it";
      } else if (!own.add(row.id())) {
        why = "another frame of this input";
      }
      if (why != null) {
        return Optional.of(
            new Rejection(
                row.source(),
                row.originalPath(),
                "ids",
                "sample id "
                    + row.id()
                    + " was already produced by "
                    + why
                    + "; ids are a hash of source, path and frame, so the source lists one input"
                    + " (or numbers one frame) twice"));
      }
    }
    return Optional.empty();
  }

  ShardRecord record(int shard, int sourceIndex, Optional<String> file, BuildDirectory dir) {
    return new ShardRecord(
        shard,
        sourceIndex,
        file,
        file.map(dir::checksum).orElse(""),
        counts,
        splitCounts,
        modalities,
        bodyParts,
        channels,
        labelTasks);
  }
}
