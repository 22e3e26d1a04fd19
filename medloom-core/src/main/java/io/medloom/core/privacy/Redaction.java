package io.medloom.core.privacy;

import static io.medloom.core.Checks.notNull;

/** A character range {@code [start, end)} of a text that holds an identifier of a category. */
public record Redaction(int start, int end, PhiCategory category) {
  public Redaction {
    notNull(category, "category");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("empty or negative range: [" + start + ", " + end + ")");
    }
  }
}
