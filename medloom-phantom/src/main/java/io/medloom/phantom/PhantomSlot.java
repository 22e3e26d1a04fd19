package io.medloom.phantom;

/**
 * One image position in a generated dataset: which patient, which study (1-based) and which view.
 * Slots are produced by {@link PhantomGenerator#layout(int)}; rendering a slot is a pure function.
 */
public record PhantomSlot(int index, int patientNumber, int studyNumber, String view) {
  public static final String PA = "PA";
  public static final String LATERAL = "LATERAL";

  public PhantomSlot {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0: " + index);
    }
    if (patientNumber < 1) {
      throw new IllegalArgumentException("patientNumber must be >= 1: " + patientNumber);
    }
    if (studyNumber < 1) {
      throw new IllegalArgumentException("studyNumber must be >= 1: " + studyNumber);
    }
    if (!PA.equals(view) && !LATERAL.equals(view)) {
      throw new IllegalArgumentException("view must be \"PA\" or \"LATERAL\": " + view);
    }
  }
}
