package io.medloom.core.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall and clinical-word loss of a scrubber on annotated sentences. A marked identifier counts as
 * caught when every letter and digit of it lies inside a redaction (of any category); a word
 * outside the marks (a maximal run of letters and digits) counts as lost when any of its characters
 * is redacted. Independent of the scrubber: it only reads the returned ranges.
 */
final class ScrubEvaluation {
  /** Per-category counts of marked identifiers. */
  static final class Counts {
    int total;
    int caught;
    int sameCategory;

    double recall() {
      return total == 0 ? Double.NaN : (double) caught / total;
    }
  }

  final Map<String, Counts> byCategory = new TreeMap<>();
  final List<String> missed = new ArrayList<>();
  final List<String> lost = new ArrayList<>();
  int contextWords;
  int contextLost;
  int cleanWords;
  int cleanLost;

  /** Adds sentences with identifiers (their unmarked words count as context words). */
  ScrubEvaluation addPhi(TextScrubber scrubber, Collection<PhiCorpus.Sentence> sentences) {
    for (PhiCorpus.Sentence s : sentences) {
      List<Redaction> found = scrubber.find(s.text(), s.ids());
      boolean[] red = covered(s.text(), found);
      boolean[] gold = new boolean[s.text().length()];
      for (PhiCorpus.Span span : s.spans()) {
        Counts c = byCategory.computeIfAbsent(span.category(), k -> new Counts());
        c.total++;
        boolean ok = true;
        for (int i = span.start(); i < span.end(); i++) {
          gold[i] = true;
          ok &= red[i] || !Character.isLetterOrDigit(s.text().charAt(i));
        }
        if (ok) {
          c.caught++;
          if (sameCategory(span, found)) {
            c.sameCategory++;
          }
        } else {
          missed.add(
              span.category()
                  + ": "
                  + s.text().substring(span.start(), span.end())
                  + "  | "
                  + s.text());
        }
      }
      int[] words = words(s.text(), red, gold, s.text());
      contextWords += words[0];
      contextLost += words[1];
    }
    return this;
  }

  /** Adds texts without identifiers. */
  ScrubEvaluation addClean(TextScrubber scrubber, Collection<String> texts) {
    for (String t : texts) {
      int[] words = words(t, covered(t, scrubber.find(t, List.of())), new boolean[t.length()], t);
      cleanWords += words[0];
      cleanLost += words[1];
    }
    return this;
  }

  int total() {
    return byCategory.values().stream().mapToInt(c -> c.total).sum();
  }

  int caught() {
    return byCategory.values().stream().mapToInt(c -> c.caught).sum();
  }

  double recall() {
    return (double) caught() / total();
  }

  double cleanLoss() {
    return cleanWords == 0 ? 0 : (double) cleanLost / cleanWords;
  }

  double contextLoss() {
    return contextWords == 0 ? 0 : (double) contextLost / contextWords;
  }

  double allLoss() {
    int words = cleanWords + contextWords;
    return words == 0 ? 0 : (double) (cleanLost + contextLost) / words;
  }

  /** The per-category table plus totals, as the bench prints it. */
  String table(String title) {
    StringBuilder out = new StringBuilder(title).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "  %-9s %6s %6s %8s %10s%n",
            "category",
            "spans",
            "caught",
            "recall",
            "same-tag"));
    byCategory.forEach(
        (k, c) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "  %-9s %6d %6d %8.3f %10d%n",
                    k,
                    c.total,
                    c.caught,
                    c.recall(),
                    c.sameCategory)));
    out.append(
        String.format(Locale.ROOT, "  %-9s %6d %6d %8.3f%n", "ALL", total(), caught(), recall()));
    out.append(
        String.format(
            Locale.ROOT,
            "  clinical words lost: clean sentences %d/%d = %.3f%%, context words of PHI sentences %d/%d = %.3f%%, together %.3f%%%n",
            cleanLost,
            cleanWords,
            100 * cleanLoss(),
            contextLost,
            contextWords,
            100 * contextLoss(),
            100 * allLoss()));
    return out.toString();
  }

  private boolean sameCategory(PhiCorpus.Span span, List<Redaction> found) {
    String want = span.category().equals("OWNID") ? "ID" : span.category();
    for (Redaction r : found) {
      if (r.start() < span.end() && span.start() < r.end() && r.category().name().equals(want)) {
        return true;
      }
    }
    return false;
  }

  private static boolean[] covered(String text, List<Redaction> found) {
    boolean[] red = new boolean[text.length()];
    for (Redaction r : found) {
      for (int i = r.start(); i < r.end(); i++) {
        red[i] = true;
      }
    }
    return red;
  }

  /** {words outside gold, of them lost}; lost words are recorded with their sentence. */
  private int[] words(String text, boolean[] red, boolean[] gold, String sentence) {
    int total = 0;
    int lostCount = 0;
    int i = 0;
    while (i < text.length()) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      boolean isGold = false;
      boolean isRed = false;
      while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
        isGold |= gold[i];
        isRed |= red[i];
        i++;
      }
      String w = text.substring(s, i);
      if (isGold || w.equals("XXXX")) {
        continue; // an identifier, or a de-identification mark of the source
      }
      total++;
      if (isRed) {
        lostCount++;
        lost.add(w + "  | " + sentence);
      }
    }
    return new int[] {total, lostCount};
  }
}
