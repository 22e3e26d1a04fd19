package io.medloom.core.model;

import static io.medloom.core.Checks.notBlank;

/**
 * The identifiers a source read for a sample, in clear. They live only inside a running pipeline:
 * the de-identification stage turns them into keyed hashes and drops them, and the store refuses a
 * sample that still carries them.
 */
public record Identity(String patientId, String studyId) {
  public Identity {
    notBlank(patientId, "patient id");
    notBlank(studyId, "study id");
  }
}
