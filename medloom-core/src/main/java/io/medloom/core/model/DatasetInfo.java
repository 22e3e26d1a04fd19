package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The description of a dataset on disk ({@code dataset.json}). Field names are part of the on-disk
 * contract.
 */
public record DatasetInfo(
    @JsonProperty("format_version") int formatVersion,
    String id,
    String name,
    String summary,
    String domain,
    List<String> modalities,
    @JsonProperty("body_parts") List<String> bodyParts,
    String license,
    String citation,
    List<Task> tasks,
    @JsonProperty("input_size") List<Integer> inputSize,
    @JsonProperty("split_counts") Map<String, Long> splitCounts,
    List<SourceRecord> sources,
    Build build,
    Counts counts,
    @JsonProperty("identifier_patterns") List<String> identifierPatterns,
    Map<String, Long> duplicates,
    Map<String, StageTime> timings) {

  public static final int FORMAT_VERSION = 1;

  public DatasetInfo {
    checkArgument(
        formatVersion == FORMAT_VERSION,
        "unsupported dataset format version %s (this MedLoom reads %s)",
        formatVersion,
        FORMAT_VERSION);
    notBlank(id, "dataset id");
    notBlank(name, "dataset name");
    notNull(summary, "summary");
    notNull(domain, "domain");
    modalities = List.copyOf(modalities);
    bodyParts = List.copyOf(bodyParts);
    notNull(license, "license");
    notNull(citation, "citation");
    tasks = List.copyOf(tasks);
    inputSize = List.copyOf(inputSize);
    checkArgument(inputSize.size() == 3, "input size must be [C,H,W]: %s", inputSize);
    splitCounts = Collections.unmodifiableMap(new TreeMap<>(splitCounts));
    sources = List.copyOf(sources);
    notNull(build, "build");
    notNull(counts, "counts");
    identifierPatterns = List.copyOf(identifierPatterns);
    // Datasets written before duplicate detection have no such field.
    duplicates =
        duplicates == null
            ? Map.of()
            : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(duplicates));
    // Where the build's time went, step by step, in the order the steps ran; absent in datasets
    // built before timing, or by an engine that does not measure it.
    timings =
        timings == null
            ? Map.of()
            : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
  }

  /** One source of the build and what became of its inputs. */
  public record SourceRecord(
      String kind, String location, Map<String, String> options, Counts counts) {
    public SourceRecord {
      notBlank(kind, "source kind");
      notBlank(location, "source location");
      // Credentials (auth=user:password, tokens) never reach dataset.json, whoever builds it.
      options = io.medloom.core.source.SourceSpec.redact(options);
      notNull(counts, "source counts");
    }
  }

  /** Build provenance: enough to rebuild the same rows. */
  public record Build(
      @JsonProperty("medloom_version") String medloomVersion,
      @JsonProperty("config_hash") String configHash,
      long seed,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("shard_size") int shardSize) {
    public Build {
      notBlank(medloomVersion, "medloom version");
      notBlank(configHash, "config hash");
      notBlank(createdAt, "created at");
      checkArgument(shardSize > 0, "shard size must be positive: %s", shardSize);
    }
  }
}
