package io.medloom.server;

/**
 * A request refused before any route runs, with its status: 421 for a Host that is not this
 * viewer's, 401 for a missing read token, 413 for a body over the cap.
 */
final class Refused extends RuntimeException {
  final int status;

  Refused(int status, String message) {
    super(message);
    this.status = status;
  }
}
