package io.medloom.core.pipeline;

import static io.medloom.core.Checks.notNull;

import io.medloom.core.Timings;
import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.core.privacy.PathKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages applied in order. A failure in any stage rejects the whole input with that stage's name
 * and the cause's message; it never escapes as an exception, so one bad file cannot stop a build.
 */
public final class Pipeline {
  private final List<Stage> stages;
  private final PathKeys paths;

  /** Stages whose rejections keep the input's path as given. */
  public Pipeline(List<Stage> stages) {
    this(stages, PathKeys.asGiven());
  }

  /** Stages whose rejections store the input's path as {@code paths} says (as samples do). */
  public Pipeline(List<Stage> stages, PathKeys paths) {
    this.stages = List.copyOf(notNull(stages, "stages"));
    this.paths = notNull(paths, "paths");
  }

  public List<Stage> stages() {
    return stages;
  }

  /** How this pipeline's rejections (and the runner's read failures) store input paths. */
  public PathKeys paths() {
    return paths;
  }

  /** Runs every stage over the samples read from one input. */
  public Outcome run(long ordinal, String source, String originalPath, List<Sample> read) {
    return run(ordinal, source, originalPath, read, Timings.NONE);
  }

  /** As {@link #run(long, String, String, List)}, adding each stage's time under its name. */
  public Outcome run(
      long ordinal, String source, String originalPath, List<Sample> read, Timings timings) {
    List<Sample> current = read;
    for (Stage stage : stages) {
      long started = timings.start();
      List<Sample> next = new ArrayList<>(current.size());
      for (Sample s : current) {
        try {
          next.addAll(stage.apply(s));
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
          // OOM from one absurd input (e.g. a decompression bomb slipping past checks) must not
          // take the build down; the heap is released as soon as this input's data is dropped.
          return Outcome.rejected(
              ordinal,
              paths.stored(
                  new Rejection(source, originalPath, stage.name(), Rejection.describe(e))));
        }
      }
      timings.since(stage.name(), started);
      current = next;
    }
    return Outcome.accepted(ordinal, current);
  }
}
