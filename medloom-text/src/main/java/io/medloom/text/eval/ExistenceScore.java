package io.medloom.text.eval;

import io.medloom.text.ChexpertLabeler;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sentence labels scored against gold labels state by state. A (sentence, observation) pair counts
 * for precision when the labeler gives it a state and for recall when the gold does; it is correct
 * when both give the same state. Per observation over all states, and per existence (present,
 * absent, uncertain) over the 13 observations other than No Finding, which is derived, not read.
 * Not thread-safe.
 */
public final class ExistenceScore {
  private static final List<String> OBS = ChexpertLabeler.OBSERVATIONS;
  private static final String[] STATES = {"present", "absent", "uncertain"};
  private final int[][] byObs = new int[OBS.size()][3]; // correct, predicted, gold
  private final int[][] byState = new int[3][3];
  private int sentences;
  private int exact;

  /** One sentence; returns true when every observation's state matches. */
  public boolean add(Map<String, Integer> gold, Map<String, Integer> predicted) {
    sentences++;
    boolean all = true;
    for (int i = 0; i < OBS.size(); i++) {
      String o = OBS.get(i);
      Integer g = gold.get(o);
      Integer p = predicted.get(o);
      if (p != null) {
        byObs[i][1]++;
      }
      if (g != null) {
        byObs[i][2]++;
      }
      boolean ok = g != null && g.equals(p);
      if (ok) {
        byObs[i][0]++;
      }
      if (!java.util.Objects.equals(g, p)) {
        all = false;
      }
      if (i == 0) {
        continue;
      }
      if (p != null) {
        byState[state(p)][1]++;
      }
      if (g != null) {
        byState[state(g)][2]++;
      }
      if (ok) {
        byState[state(g)][0]++;
      }
    }
    if (all) {
      exact++;
    }
    return all;
  }

  private static int state(int v) {
    return v == 1 ? 0 : v == 0 ? 1 : 2;
  }

  /** Precision and recall of one existence state ("present", "absent", "uncertain"). */
  public double precision(String state) {
    int[] c = byState[java.util.Arrays.asList(STATES).indexOf(state)];
    return c[1] == 0 ? 0 : c[0] / (double) c[1];
  }

  public double recall(String state) {
    int[] c = byState[java.util.Arrays.asList(STATES).indexOf(state)];
    return c[2] == 0 ? 0 : c[0] / (double) c[2];
  }

  public int sentences() {
    return sentences;
  }

  /** Sentences whose 14 labels all match. */
  public int exact() {
    return exact;
  }

  public String table(String title) {
    StringBuilder sb = new StringBuilder(title).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-27s %5s %5s %5s %6s %6s%n",
            "observation",
            "gold",
            "pred",
            "right",
            "P",
            "R"));
    for (int i = 0; i < OBS.size(); i++) {
      int[] c = byObs[i];
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-27s %5d %5d %5d %6.3f %6.3f%n",
              OBS.get(i),
              c[2],
              c[1],
              c[0],
              c[1] == 0 ? 0 : c[0] / (double) c[1],
              c[2] == 0 ? 0 : c[0] / (double) c[2]));
    }
    for (int s = 0; s < 3; s++) {
      int[] c = byState[s];
      sb.append(
          String.format(
              Locale.ROOT,
              "  existence %-17s %5d %5d %5d %6.3f %6.3f%n",
              STATES[s],
              c[2],
              c[1],
              c[0],
              precision(STATES[s]),
              recall(STATES[s])));
    }
    sb.append(
        String.format(
            Locale.ROOT, "  sentences with all labels right: %d of %d%n", exact, sentences));
    return sb.toString();
  }
}
