package io.medloom.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a task predicts; decides how its labels are stored and evaluated. */
public enum TaskTarget {
  BINARY,
  MULTICLASS,
  MULTILABEL,
  ORDINAL,
  REGRESSION,
  SEGMENTATION;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static TaskTarget parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown task target '" + text + "'", e);
    }
  }
}
