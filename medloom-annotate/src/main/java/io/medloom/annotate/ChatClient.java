package io.medloom.annotate;

import java.io.IOException;

/** A chat model that answers one prompt; the seam between {@link Rephraser} and any endpoint. */
public interface ChatClient {
  /** The model's name as recorded in provenance ({@code llm:<model>}). */
  String model();

  /** The model's reply to a system instruction and one user message. */
  String complete(String system, String user) throws IOException, InterruptedException;
}
