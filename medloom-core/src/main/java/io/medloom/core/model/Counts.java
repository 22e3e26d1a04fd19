package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;

/**
 * How many inputs were read, accepted and rejected, and how many samples were written. Every input
 * is either accepted or rejected: {@code read == accepted + rejected} always holds. {@code written}
 * equals {@code accepted} for 2-D images; a volume read as slices writes more.
 */
public record Counts(long read, long accepted, long rejected, long written) {
  public static final Counts ZERO = new Counts(0, 0, 0, 0);

  public Counts {
    checkArgument(
        read >= 0 && accepted >= 0 && rejected >= 0 && written >= 0,
        "counts must be >= 0: read=%s accepted=%s rejected=%s written=%s",
        read,
        accepted,
        rejected,
        written);
    checkArgument(
        read == accepted + rejected,
        "counts do not reconcile: read %s != accepted %s + rejected %s",
        read,
        accepted,
        rejected);
  }

  public Counts plus(Counts o) {
    return new Counts(
        read + o.read, accepted + o.accepted, rejected + o.rejected, written + o.written);
  }
}
