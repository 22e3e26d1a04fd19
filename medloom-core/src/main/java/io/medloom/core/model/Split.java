package io.medloom.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The partition a sample belongs to. Splits are patient-disjoint. */
public enum Split {
  TRAIN,
  VAL,
  TEST;

  /** The lower-case name used on disk ({@code train|val|test}). */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code train|val|test} (also {@code valid}, {@code validation}), case-insensitively. */
  @JsonCreator
  public static Split parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "train", "training" -> TRAIN;
      case "val", "valid", "validation", "dev" -> VAL;
      case "test", "testing" -> TEST;
      default ->
          throw new IllegalArgumentException(
              "unknown split '" + text + "': expected train, val or test");
    };
  }
}
