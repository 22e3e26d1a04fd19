package io.medloom.annotate.qa;

import io.medloom.core.qa.Fact;
import java.util.List;
import java.util.Map;

/** A question before its turn in the conversation is known. */
record Draft(
    String stage,
    String type,
    String question,
    String answer,
    List<String> options,
    Fact fact,
    String origin,
    double confidence) {

  /** A draft whose confidence is clamped into [0, 1]. */
  static Draft of(
      String stage,
      String type,
      String question,
      String answer,
      List<String> options,
      Fact fact,
      String origin,
      double confidence) {
    return new Draft(
        stage, type, question, answer, options, fact, origin, Math.max(0, Math.min(1, confidence)));
  }

  /** A numeric attribute, or {@code fallback} when it is missing or not a number. */
  static double num(Map<String, String> a, String key, double fallback) {
    String v = a.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
