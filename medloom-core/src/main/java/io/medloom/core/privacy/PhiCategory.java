package io.medloom.core.privacy;

/** The kinds of identifier the scrubber removes; each is replaced by its bracketed tag. */
public enum PhiCategory {
  NAME,
  DATE,
  AGE,
  ADDRESS,
  ZIP,
  LOCATION,
  PHONE,
  EMAIL,
  URL,
  IP,
  SSN,
  ID,
  HOSPITAL;

  /** The placeholder written in place of a removed identifier, e.g. {@code [NAME]}. */
  public String tag() {
    return "[" + name() + "]";
  }
}
