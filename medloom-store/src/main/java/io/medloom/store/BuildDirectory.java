package io.medloom.store;

import static io.medloom.core.Checks.notBlank;

import com.fasterxml.jackson.core.type.TypeReference;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The output directory of a build while it is being written, and what makes a build resumable.
 *
 * <p>Every shard is published as: Parquet file, then its rejects, then its {@link ShardRecord}
 * marker, each atomically. A re-run with the same configuration (same config hash) skips shards
 * whose marker exists and redoes the rest, so a killed build ends with exactly the rows of an
 * uninterrupted one. {@code _SUCCESS} is written last and makes the dataset readable.
 */
public final class BuildDirectory {
  private static final String BUILD_FILE = "build.json";
  private static final String KEY_FINGERPRINT_FILE = "key-fingerprint";

  /**
   * System property naming the state directory; it wins over {@code $MEDLOOM_STATE_DIR} (tests of
   * one JVM cannot set environment variables).
   */
  public static final String STATE_DIR_PROPERTY = "medloom.state.dir";

  private final DatasetLayout layout;
  private final String configHash;

  /** Deletes the generated key when the JVM exits before {@link #forgetKey()} ran (SIGTERM). */
  private Thread keyHook;

  private BuildDirectory(DatasetLayout layout, String configHash) {
    this.layout = layout;
    this.configHash = configHash;
  }

  /**
   * Opens {@code root} for a build with the given config hash: creates it, resumes a matching
   * unfinished build, or refuses a directory that holds something else.
   */
  public static BuildDirectory open(Path root, String configHash) throws IOException {
    notBlank(configHash, "config hash");
    DatasetLayout layout = new DatasetLayout(root);
    Files.createDirectories(root);
    Path buildFile = layout.work().resolve(BUILD_FILE);
    if (Files.exists(buildFile)) {
      Map<String, String> b =
          Json.MAPPER.readValue(buildFile.toFile(), new TypeReference<Map<String, String>>() {});
      if (!configHash.equals(b.get("config_hash"))) {
        throw new IOException(
            root
                + " holds an unfinished build with other settings (config "
                + b.get("config_hash")
                + ", now "
                + configHash
                + "); re-run with the same arguments to resume it, or choose another --out");
      }
    } else if (!Files.exists(layout.success())) {
      try (Stream<Path> entries = Files.list(root)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(
              "output directory "
                  + root
                  + " is not empty and holds no MedLoom build; choose another --out");
        }
      }
      Files.createDirectories(layout.work());
      AtomicFiles.write(
          buildFile,
          Json.MAPPER.writeValueAsBytes(
              Map.of("config_hash", configHash, "format", "medloom-build-1")));
    }
    Files.createDirectories(layout.samples());
    return new BuildDirectory(layout, configHash);
  }

  public DatasetLayout layout() {
    return layout;
  }

  /** The description of the finished dataset with this configuration, when one is already here. */
  public Optional<DatasetInfo> finishedInfo() throws IOException {
    if (!Files.exists(layout.success()) || !Files.exists(layout.info())) {
      return Optional.empty();
    }
    DatasetInfo info = Json.MAPPER.readValue(layout.info().toFile(), DatasetInfo.class);
    if (!configHash.equals(info.build().configHash())) {
      throw new IOException(
          layout.root()
              + " already holds a finished dataset built with other settings (config "
              + info.build().configHash()
              + "); choose another --out");
    }
    return Optional.of(info);
  }

  /**
   * The per-build secret for keyed hashes: the given one ({@code --key-file}), or a random one kept
   * OUTSIDE the dataset folder — under {@code $MEDLOOM_STATE_DIR} (default {@code
   * ~/.local/state/medloom}) in {@code build-keys/<hash of the output path>.key}, readable by the
   * owner only — so that a resumed build keys patients the same way, and a half-built folder shared
   * by mistake never carries its key. The work directory keeps only the key's fingerprint, so a
   * resume with another key is refused instead of silently mixing two keyings.
   *
   * <p>The key file is created owner-only and never through a link ({@link BuildKeyFile}), and it
   * is deleted whenever the build ends in this process: finished, failed, every input rejected
   * ({@link #forgetKey()}, which engines call in a {@code finally}), or stopped by SIGTERM / Ctrl-C
   * (a shutdown hook). Only a kill that runs no code (SIGKILL, a power cut) leaves it, and that is
   * the case resuming is for.
   */
  public synchronized byte[] secret(Optional<byte[]> given) throws IOException {
    Path fingerprintFile = layout.work().resolve(KEY_FINGERPRINT_FILE);
    byte[] key;
    if (given.isPresent()) {
      key = given.get();
    } else {
      Path p = keyFile();
      Optional<byte[]> kept = BuildKeyFile.read(p);
      if (kept.isPresent()) {
        key = kept.get();
      } else {
        if (Files.exists(fingerprintFile)) {
          throw new IOException(
              "the key of the unfinished build in "
                  + layout.root()
                  + " is gone ("
                  + p
                  + "): the build stopped in a way that deletes it (an error, SIGTERM, Ctrl-C)."
                  + " Patients could not be keyed as before; delete the folder and build again,"
                  + " or pass the original --key-file");
        }
        key = BuildKeyFile.create(p);
      }
      deleteOnExit(p);
    }
    String fingerprint = fingerprint(key);
    if (Files.exists(fingerprintFile)) {
      String stored = Files.readString(fingerprintFile).strip();
      if (!stored.equals(fingerprint)) {
        throw new IOException(
            "the unfinished build in "
                + layout.root()
                + " was keyed with another secret; resume it with the same --key-file (or none)");
      }
    } else {
      AtomicFiles.write(fingerprintFile, fingerprint.getBytes(StandardCharsets.UTF_8));
    }
    return key;
  }

  /** Until {@link #forgetKey()}: a shutdown hook deletes the key when the JVM is stopped. */
  private void deleteOnExit(Path key) {
    if (keyHook != null) {
      return;
    }
    keyHook =
        new Thread(
            () -> {
              try {
                Files.deleteIfExists(key);
              } catch (IOException e) {
                // the JVM is going down; nothing is left to tell
              }
            },
            "medloom-build-key-cleanup");
    Runtime.getRuntime().addShutdownHook(keyHook);
  }

  /**
   * Deletes the generated key file of this build (a no-op with {@code --key-file}, whose key
   * belongs to the user). Engines call it when a build ends, however it ends; a re-run after that
   * cannot resume an unfinished build unless it was keyed with {@code --key-file}.
   */
  public synchronized void forgetKey() throws IOException {
    if (keyHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(keyHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook deletes the file itself
    }
    keyHook = null;
    Files.deleteIfExists(keyFile());
  }

  private Path keyFile() {
    String base = System.getProperty(STATE_DIR_PROPERTY, System.getenv("MEDLOOM_STATE_DIR"));
    Path dir =
        base != null && !base.isBlank()
            ? Path.of(base)
            : Path.of(System.getProperty("user.home"), ".local", "state", "medloom");
    return dir.resolve("build-keys")
        .resolve(
            fingerprint(
                    layout
                        .root()
                        .toAbsolutePath()
                        .normalize()
                        .toString()
                        .getBytes(StandardCharsets.UTF_8))
                + ".key");
  }

  /** SHA-256 of the bytes, first 128 bits in hex: names and checks a key without revealing it. */
  private static String fingerprint(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  public Optional<ShardRecord> finishedShard(int shard) throws IOException {
    Path p = layout.shardRecord(shard);
    return Files.exists(p)
        ? Optional.of(Json.MAPPER.readValue(p.toFile(), ShardRecord.class))
        : Optional.empty();
  }

  /** Publishes one shard: Parquet (if any rows), rejects, then the marker. */
  public ShardRecord publishShard(
      int shard,
      ParquetShardWriter writer,
      List<Row> rows,
      List<Rejection> rejections,
      java.util.function.Function<Optional<String>, ShardRecord> record)
      throws IOException {
    Optional<String> file = Optional.empty();
    if (!rows.isEmpty()) {
      String name = DatasetLayout.shardFile(shard);
      writer.write(rows, layout.samples().resolve(name));
      file = Optional.of(name);
    }
    StringBuilder lines = new StringBuilder();
    for (Rejection r : rejections) {
      lines.append(Json.LINES.writeValueAsString(r)).append('\n');
    }
    AtomicFiles.write(
        layout.shardRejects(shard), lines.toString().getBytes(StandardCharsets.UTF_8));
    ShardRecord rec = record.apply(file);
    AtomicFiles.write(layout.shardRecord(shard), Json.MAPPER.writeValueAsBytes(rec));
    return rec;
  }

  /** Replaces a finished shard's marker (after its Parquet file was rewritten). */
  public void updateShardRecord(ShardRecord record) throws IOException {
    AtomicFiles.write(layout.shardRecord(record.shard()), Json.MAPPER.writeValueAsBytes(record));
  }

  /** The shard's Parquet checksum, computed once when it is published. */
  public String checksum(String file) {
    try {
      return AtomicFiles.sha256(layout.samples().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Finishes the dataset: merges rejects in shard order, writes {@code dataset.json}, runs every
   * check of {@code verify} over the result, and only when they pass writes {@code _SUCCESS} with
   * every file's checksum and removes the work directory. A dataset that fails is left unfinished
   * (readers refuse it) and the problems are thrown: a build never marks finished a dataset its own
   * {@code verify} would refuse.
   *
   * @throws VerificationFailedException when a check fails
   */
  public void finish(DatasetInfo info, List<ShardRecord> shards) throws IOException {
    finish(info, shards, DuplicateFinder.LOCAL);
  }

  /** As {@link #finish(DatasetInfo, List)}, verifying duplicates with the engine's own pass. */
  public void finish(DatasetInfo info, List<ShardRecord> shards, DuplicateFinder duplicates)
      throws IOException {
    List<ShardRecord> ordered = new ArrayList<>(shards);
    ordered.sort(Comparator.comparingInt(ShardRecord::shard));
    writeRejects(ordered);
    AtomicFiles.write(layout.info(), Json.MAPPER.writeValueAsBytes(info));
    Map<String, String> shardSums = new LinkedHashMap<>();
    for (ShardRecord s : ordered) {
      s.file().ifPresent(f -> shardSums.put(f, s.sha256()));
    }
    DatasetVerifier.Report check =
        DatasetVerifier.verifyBeforeFinish(layout.root(), shardSums, duplicates);
    if (!check.ok()) {
      throw new VerificationFailedException(layout.root(), check.problems());
    }
    layout.writeSuccess(shardSums);
    AtomicFiles.deleteTree(layout.work());
    Files.deleteIfExists(keyFile());
    // A writer killed mid-shard leaves a hidden temporary; the shard was redone, so drop it.
    try (Stream<Path> leftovers = Files.list(layout.samples())) {
      for (Path p : leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
        Files.delete(p);
      }
    }
  }

  /** When nothing was accepted: keeps the reasons in {@code rejects.jsonl}, but no dataset. */
  public void finishRejectsOnly(List<ShardRecord> shards) throws IOException {
    writeRejects(shards);
  }

  /** Merges the shards' rejects, in shard order, into {@code rejects.jsonl}. */
  private void writeRejects(List<ShardRecord> ordered) throws IOException {
    StringBuilder rejects = new StringBuilder();
    for (ShardRecord s : ordered) {
      Path p = layout.shardRejects(s.shard());
      if (Files.exists(p)) {
        rejects.append(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    AtomicFiles.write(layout.rejects(), rejects.toString().getBytes(StandardCharsets.UTF_8));
  }
}
