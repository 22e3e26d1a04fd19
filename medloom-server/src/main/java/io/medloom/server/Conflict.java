package io.medloom.server;

/** A request about something the dataset no longer holds: 409 with this message. */
final class Conflict extends RuntimeException {
  Conflict(String message) {
    super(message);
  }
}
