package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;

/**
 * Time one step of a build took, summed over every worker thread, and how often it ran. Summed
 * thread time, not wall time: with two workers a step can take more seconds than the build did, and
 * the shares between steps are what says where the time goes.
 */
public record StageTime(double seconds, long calls) {
  public StageTime {
    checkArgument(
        seconds >= 0 && calls >= 0, "stage time must be >= 0: %s s, %s calls", seconds, calls);
  }
}
