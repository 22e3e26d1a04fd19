package io.medloom.text.eval;

import io.medloom.text.ChexpertLabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Report labels scored against reference observation sets, one confusion matrix per CheXpert
 * observation. Protocol: a label of 1 or -1 (uncertain) counts as positive; every report is judged
 * for every observation except No Finding, which is judged only where the reference is normal or
 * names a pathology (an observation other than No Finding and Support Devices) — a reference that
 * names only unmapped terms (granuloma, scoliosis, ...) cannot say whether CheXpert's No Finding
 * holds. Macro-F1 averages the observations with at least one reference positive. Not thread-safe.
 */
public final class LabelScore {
  private static final List<String> OBS = ChexpertLabeler.OBSERVATIONS;
  private final int[][] c = new int[OBS.size()][4]; // tp, fp, fn, tn
  private int reports;

  /** One report: its reference observations and the labeler's output (observation -> 1/0/-1). */
  public void add(Set<String> truth, Map<String, Integer> labels) {
    reports++;
    boolean judgeNoFinding = truth.contains("No Finding") || hasPathology(truth);
    for (int i = 0; i < OBS.size(); i++) {
      String o = OBS.get(i);
      if (i == 0 && !judgeNoFinding) {
        continue;
      }
      Integer v = labels.get(o);
      boolean p = v != null && v != 0;
      boolean g = truth.contains(o);
      c[i][p ? (g ? 0 : 1) : (g ? 2 : 3)]++;
    }
  }

  static boolean hasPathology(Set<String> truth) {
    for (String o : truth) {
      if (!o.equals("No Finding") && !o.equals("Support Devices")) {
        return true;
      }
    }
    return false;
  }

  /** One observation's confusion counts over the judged reports. */
  public record Row(String observation, int tp, int fp, int fn, int tn) {
    public int positives() {
      return tp + fn;
    }

    public double precision() {
      return tp + fp == 0 ? 0 : tp / (double) (tp + fp);
    }

    public double recall() {
      return tp + fn == 0 ? 0 : tp / (double) (tp + fn);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  public List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < OBS.size(); i++) {
      out.add(new Row(OBS.get(i), c[i][0], c[i][1], c[i][2], c[i][3]));
    }
    return out;
  }

  public int reports() {
    return reports;
  }

  /** Mean F1 over observations with at least one reference positive (NaN when there is none). */
  public double macroF1() {
    double s = 0;
    int k = 0;
    for (Row r : rows()) {
      if (r.positives() > 0) {
        s += r.f1();
        k++;
      }
    }
    return k == 0 ? Double.NaN : s / k;
  }

  public int scoredObservations() {
    return (int) rows().stream().filter(r -> r.positives() > 0).count();
  }

  /** A fixed-width table: positives, tp/fp/fn/tn, P/R/F1 per observation, then macro-F1. */
  public String table(String title) {
    StringBuilder sb = new StringBuilder(title).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-27s %4s %4s %4s %4s %5s %6s %6s %6s%n",
            "observation",
            "pos",
            "tp",
            "fp",
            "fn",
            "tn",
            "P",
            "R",
            "F1"));
    for (Row r : rows()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-27s %4d %4d %4d %4d %5d %6.3f %6.3f %6.3f%n",
              r.observation(),
              r.positives(),
              r.tp(),
              r.fp(),
              r.fn(),
              r.tn(),
              r.precision(),
              r.recall(),
              r.f1()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "  macro-F1 over %d observations with >= 1 positive (%d reports): %.3f%n",
            scoredObservations(),
            reports,
            macroF1()));
    return sb.toString();
  }
}
