package io.medloom.cli;

/** The input cannot be used at all (exit code 3), as opposed to a bug (exit code 4). */
final class UnusableInputException extends Exception {
  private static final long serialVersionUID = 1L;

  UnusableInputException(String message) {
    super(message);
  }
}
