package io.medloom.core.pipeline;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import java.util.List;
import java.util.Optional;

/**
 * What became of one input: either its samples, or the reason it was refused. Never both, so every
 * input is counted exactly once (read = accepted + rejected).
 */
public record Outcome(long ordinal, List<Sample> samples, Optional<Rejection> rejection) {
  public Outcome {
    notNull(rejection, "rejection");
    samples = List.copyOf(samples);
    checkArgument(
        rejection.isEmpty() || samples.isEmpty(),
        "input %s has both samples and a rejection",
        ordinal);
  }

  public static Outcome accepted(long ordinal, List<Sample> samples) {
    return new Outcome(ordinal, samples, Optional.empty());
  }

  public static Outcome rejected(long ordinal, Rejection rejection) {
    return new Outcome(ordinal, List.of(), Optional.of(rejection));
  }

  public boolean isRejected() {
    return rejection.isPresent();
  }
}
