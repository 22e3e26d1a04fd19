package io.medloom.cli;

import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What an {@code eval} command scores: a model folder, a dataset, and one split under one split
 * scheme. One mixin so that every evaluation reads its arguments the same way and says so in the
 * same words in {@code --help}.
 */
final class EvalTarget {
  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "Model folder (from the matching train command).")
  Path model;

  @Parameters(index = "1", paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(
      names = "--split",
      defaultValue = "test",
      description = "Split to score (default ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--splits",
      defaultValue = "medloom",
      description = "medloom (the split column) or original (the source's own).")
  String splits;

  SplitScheme scheme() {
    return SplitScheme.parse(splits);
  }
}
