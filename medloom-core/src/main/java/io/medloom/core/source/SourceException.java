package io.medloom.core.source;

import java.io.IOException;

/**
 * A source that cannot be used at all: its location is missing or unreadable, or its index files
 * are not what the kind expects. The command line ends with exit code 3 (unusable input) and this
 * message, which names the source and the reason.
 */
public class SourceException extends IOException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
