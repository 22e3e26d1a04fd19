package io.medloom.text;

/** Whether a report asserts, denies or hedges a finding. */
public enum Existence {
  PRESENT,
  ABSENT,
  UNCERTAIN;

  /** present | absent | uncertain, as written to files. */
  public String wireName() {
    return switch (this) {
      case PRESENT -> "present";
      case ABSENT -> "absent";
      case UNCERTAIN -> "uncertain";
    };
  }
}
