package io.medloom.text.eval;

/**
 * The fixed two-way split of the IU X-ray reports used to keep rule development honest: rules are
 * developed on the {@link #TUNE} half (even uid) and accuracy is quoted on the {@link #HELD_OUT}
 * half (odd uid), which is not read while rules are written. Chosen before any rule was changed.
 */
public enum IuSplit {
  TUNE,
  HELD_OUT;

  public static IuSplit of(int uid) {
    return (uid & 1) == 0 ? TUNE : HELD_OUT;
  }

  public String label() {
    return this == TUNE ? "tune half (even uid)" : "held-out half (odd uid)";
  }
}
