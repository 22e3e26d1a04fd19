package io.medloom.cli;

/** Process exit codes (DESIGN §4). */
public final class ExitCodes {
  private ExitCodes() {}

  /** Done; rejected inputs are reported, not fatal. */
  public static final int OK = 0;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** Nothing could be read, or a dataset failed verification. */
  public static final int UNUSABLE_INPUT = 3;

  /** A bug or an environment failure (disk full, ...). */
  public static final int INTERNAL = 4;
}
