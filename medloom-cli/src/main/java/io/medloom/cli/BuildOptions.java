package io.medloom.cli;

import io.medloom.core.source.SourceContext;
import picocli.CommandLine.Option;

/** Options shared by {@code build} and {@code demo}. */
final class BuildOptions {
  /** Rows per shard: the unit of parallelism and retry (README; docs/capacity.md). */
  static final int DEFAULT_SHARD_SIZE = 512;

  @Option(
      names = "--size",
      defaultValue = "224",
      description = "Side of the square output images (default ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed for splits and synthetic data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--val",
      defaultValue = "0.1",
      description = "Fraction of patients in val (default ${DEFAULT-VALUE}).")
  double val;

  @Option(
      names = "--test",
      defaultValue = "0.2",
      description = "Fraction of patients in test (default ${DEFAULT-VALUE}).")
  double test;

  @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
  Integer threads;

  @Option(
      names = "--shard-size",
      defaultValue = "" + DEFAULT_SHARD_SIZE,
      description =
          "Rows per Parquet shard, the unit of parallelism and retry (default ${DEFAULT-VALUE}).")
  int shardSize;

  @Option(
      names = "--max-pixels",
      defaultValue = "" + SourceContext.DEFAULT_MAX_PIXELS,
      description =
          "Refuse images larger than this many pixels (decompression bombs; default ${DEFAULT-VALUE});"
              + " each input may also decode to 8 bytes per such pixel, at most a quarter of the heap.")
  long maxPixels;

  @Option(
      names = "--key-file",
      description =
          "File with the secret for keyed patient hashes (>= 16 bytes). Default: a random secret per build.")
  java.nio.file.Path keyFile;

  int threadsOrDefault() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }
}
