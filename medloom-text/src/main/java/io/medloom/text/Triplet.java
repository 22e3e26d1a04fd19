package io.medloom.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * ⟨anatomy, finding, existence⟩ read from one sentence; {@code span} is {start, end} of the finding
 * mention as character offsets into the report. Anatomy is "" when the sentence names none.
 */
public record Triplet(
    String anatomy, String finding, String existence, String sentence, int[] span) {
  public Triplet {
    span = span == null ? new int[0] : span.clone();
  }

  @Override
  public int[] span() {
    return span.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Triplet t
        && anatomy.equals(t.anatomy)
        && finding.equals(t.finding)
        && existence.equals(t.existence)
        && sentence.equals(t.sentence)
        && Arrays.equals(span, t.span);
  }

  @Override
  public int hashCode() {
    return Objects.hash(anatomy, finding, existence, sentence) * 31 + Arrays.hashCode(span);
  }

  @Override
  public String toString() {
    return "<"
        + anatomy
        + ", "
        + finding
        + ", "
        + existence
        + "> "
        + Arrays.toString(span)
        + " "
        + sentence;
  }
}
