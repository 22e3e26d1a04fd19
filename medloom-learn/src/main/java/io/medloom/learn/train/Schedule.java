package io.medloom.learn.train;

import static io.medloom.core.Checks.checkArgument;

/**
 * Learning rate per step: linear warm-up from 0 to {@code base} over {@code warmupSteps}, then
 * cosine decay to 0 at {@code totalSteps}.
 */
public record Schedule(double base, long warmupSteps, long totalSteps) {
  public Schedule {
    checkArgument(base > 0, "base learning rate must be positive: %s", base);
    checkArgument(totalSteps > 0, "total steps must be positive: %s", totalSteps);
    checkArgument(
        warmupSteps >= 0 && warmupSteps < totalSteps,
        "warm-up steps must be in [0, total): %s of %s",
        warmupSteps,
        totalSteps);
  }

  /** The rate for step {@code s} (0-based). */
  public double at(long s) {
    if (s < warmupSteps) {
      return base * (s + 1) / warmupSteps;
    }
    double progress = (s - warmupSteps) / (double) (totalSteps - warmupSteps);
    return base * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
  }
}
