package io.medloom.core.source;

import java.io.IOException;

/**
 * A source that cannot be used at all: its location is missing or unreadable, or opening it failed
 * on hostile content (an index file nested too deep, an archive larger than the read budget). The
 * command line ends with exit code 3 (unusable input), without a stack trace.
 */
public class UnusableSourceException extends IOException {
  private static final long serialVersionUID = 1L;

  public UnusableSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
