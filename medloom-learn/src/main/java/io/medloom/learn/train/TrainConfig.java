package io.medloom.learn.train;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import io.medloom.learn.Preset;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;

/**
 * A supervised classification run: which dataset and task, which recipe, which splits, where the
 * model goes.
 *
 * @param loaderThreads background threads decoding and augmenting images
 * @param evaluateTest evaluate the finished model on the test split (when the dataset has one)
 */
public record TrainConfig(
    Path dataset,
    String task,
    Preset preset,
    SplitScheme scheme,
    Path out,
    long seed,
    int loaderThreads,
    boolean evaluateTest) {
  public TrainConfig {
    notNull(dataset, "dataset");
    notBlank(task, "task");
    notNull(preset, "preset");
    notNull(scheme, "split scheme");
    notNull(out, "output folder");
    checkArgument(loaderThreads >= 1, "loader threads must be >= 1: %s", loaderThreads);
  }
}
