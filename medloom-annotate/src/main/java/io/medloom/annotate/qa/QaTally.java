package io.medloom.annotate.qa;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts over a run of the qa stage, for its summary line (thread-safe). */
public final class QaTally {
  final AtomicLong samples = new AtomicLong();
  final AtomicLong withQuestions = new AtomicLong();
  final AtomicLong questions = new AtomicLong();
  final AtomicLong yes = new AtomicLong();
  final AtomicLong no = new AtomicLong();
  final AtomicLong lowConfidence = new AtomicLong();
  final AtomicLong rejectedInReview = new AtomicLong();
  final AtomicLong ambiguous = new AtomicLong();
  private final Map<String, AtomicLong> byType = new TreeMap<>();

  synchronized void type(String type) {
    byType.computeIfAbsent(type, k -> new AtomicLong()).incrementAndGet();
  }

  public long samples() {
    return samples.get();
  }

  public long questions() {
    return questions.get();
  }

  public long yes() {
    return yes.get();
  }

  public long no() {
    return no.get();
  }

  public long lowConfidence() {
    return lowConfidence.get();
  }

  public long rejectedInReview() {
    return rejectedInReview.get();
  }

  /** One line: questions per sample, by type, yes/no balance, facts left out and why. */
  public synchronized String summary() {
    long n = samples.get();
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            java.util.Locale.ROOT,
            "qa: %d questions for %d of %d samples (%.2f per sample); by type %s; yes/no %d/%d;"
                + " facts left out: %d below the confidence threshold, %d rejected in review,"
                + " %d regions sharing a label",
            questions.get(),
            withQuestions.get(),
            n,
            n == 0 ? 0.0 : questions.get() / (double) n,
            byType,
            yes.get(),
            no.get(),
            lowConfidence.get(),
            rejectedInReview.get(),
            ambiguous.get()));
    return b.toString();
  }
}
