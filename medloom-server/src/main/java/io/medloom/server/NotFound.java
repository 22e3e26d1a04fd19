package io.medloom.server;

/** A request for something that does not exist: 404 with this message. */
final class NotFound extends RuntimeException {
  NotFound(String message) {
    super(message);
  }
}
