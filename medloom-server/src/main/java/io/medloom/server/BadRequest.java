package io.medloom.server;

/** A request the API refuses with 400 and this message. */
final class BadRequest extends RuntimeException {
  BadRequest(String message) {
    super(message);
  }
}
