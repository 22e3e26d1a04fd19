package io.medloom.store;

import java.io.IOException;

/** A dataset that cannot be used as it is: unfinished, damaged, or not a dataset at all. */
public class DatasetException extends IOException {
  private static final long serialVersionUID = 1L;

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
