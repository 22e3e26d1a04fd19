package io.medloom.store;

import java.nio.file.Path;

/** File names of a dataset directory (DESIGN §3). */
public record DatasetLayout(Path root) {
  public static final String INFO = "dataset.json";
  public static final String SAMPLES = "samples";
  public static final String REJECTS = "rejects.jsonl";
  public static final String SUCCESS = "_SUCCESS";
  public static final String WORK = "_work";

  public Path info() {
    return root.resolve(INFO);
  }

  public Path samples() {
    return root.resolve(SAMPLES);
  }

  public Path rejects() {
    return root.resolve(REJECTS);
  }

  public Path success() {
    return root.resolve(SUCCESS);
  }

  public Path work() {
    return root.resolve(WORK);
  }

  public static String shardFile(int shard) {
    return String.format("part-%05d.parquet", shard);
  }

  /**
   * Writes {@code _SUCCESS} last: the SHA-256 of every shard (given, as the writer computed them
   * when publishing), of {@code rejects.jsonl} and of {@code dataset.json}.
   */
  public void writeSuccess(java.util.Map<String, String> shardSums) throws java.io.IOException {
    java.util.Map<String, String> files = new java.util.LinkedHashMap<>();
    shardSums.forEach((name, sum) -> files.put(SAMPLES + "/" + name, sum));
    files.put(REJECTS, AtomicFiles.sha256(rejects()));
    files.put(INFO, AtomicFiles.sha256(info()));
    AtomicFiles.write(success(), Json.MAPPER.writeValueAsBytes(java.util.Map.of("sha256", files)));
  }

  public Path shardRecord(int shard) {
    return work().resolve(String.format("shard-%05d.json", shard));
  }

  public Path shardRejects(int shard) {
    return work().resolve(String.format("rejects-%05d.jsonl", shard));
  }
}
