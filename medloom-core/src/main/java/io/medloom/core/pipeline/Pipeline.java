package io.medloom.core.pipeline;

import static io.medloom.core.Checks.notNull;

import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Stages applied in order. A failure in any stage rejects the whole input with that stage's name
 * and the cause's message; it never escapes as an exception, so one bad file cannot stop a build.
 */
public final class Pipeline {
  private final List<Stage> stages;

  public Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(notNull(stages, "stages"));
  }

  public List<Stage> stages() {
    return stages;
  }

  /** Runs every stage over the samples read from one input. */
  public Outcome run(long ordinal, String source, String originalPath, List<Sample> read) {
    List<Sample> current = read;
    for (Stage stage : stages) {
      List<Sample> next = new ArrayList<>(current.size());
      for (Sample s : current) {
        try {
          next.addAll(stage.apply(s));
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
          // OOM from one absurd input (e.g. a decompression bomb slipping past checks) must not
          // take the build down; the heap is released as soon as this input's data is dropped.
          return Outcome.rejected(
              ordinal, new Rejection(source, originalPath, stage.name(), Rejection.describe(e)));
        }
      }
      current = next;
    }
    return Outcome.accepted(ordinal, current);
  }
}
