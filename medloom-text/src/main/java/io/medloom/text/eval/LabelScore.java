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
 *
 * <p>Each row also counts how many of its true and false positives came from an uncertain label,
 * because a reference that indexes only asserted findings (IU's MeSH indexers leave out most hedged
 * diagnoses) turns every correct "may represent pneumonia" into a false positive under this
 * protocol. {@link #uncertainAsNegative()} scores the same labels with uncertain counted as
 * negative (CheXpert's "U-Zeros"), the other common reading; it is a diagnostic, not the protocol.
 */
public final class LabelScore {
  private static final List<String> OBS = ChexpertLabeler.OBSERVATIONS;
  private final int[][] c = new int[OBS.size()][6]; // tp, fp, fn, tn, tp uncertain, fp uncertain
  private final boolean uncertainPositive;
  private int reports;

  /** The protocol: uncertain counts as positive. */
  public LabelScore() {
    this(true);
  }

  private LabelScore(boolean uncertainPositive) {
    this.uncertainPositive = uncertainPositive;
  }

  /** Uncertain labels count as negative (CheXpert's U-Zeros); No Finding as labeled. */
  public static LabelScore uncertainAsNegative() {
    return new LabelScore(false);
  }

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
      boolean uncertain = v != null && v == -1;
      boolean p = v != null && (v == 1 || (uncertain && uncertainPositive));
      boolean g = truth.contains(o);
      int cell = p ? (g ? 0 : 1) : (g ? 2 : 3);
      c[i][cell]++;
      if (p && uncertain) {
        c[i][cell + 4]++;
      }
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

  /**
   * One observation's confusion counts over the judged reports; {@code tpUncertain} and {@code
   * fpUncertain} are the true and false positives that came from an uncertain label.
   */
  public record Row(
      String observation, int tp, int fp, int fn, int tn, int tpUncertain, int fpUncertain) {
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
      out.add(new Row(OBS.get(i), c[i][0], c[i][1], c[i][2], c[i][3], c[i][4], c[i][5]));
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

  /**
   * A fixed-width table: positives, tp/fp/fn/tn, P/R/F1 per observation, then the true and false
   * positives that came from uncertain labels ({@code tp.u}, {@code fp.u}), then macro-F1.
   */
  public String table(String title) {
    StringBuilder sb = new StringBuilder(title).append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-27s %4s %4s %4s %4s %5s %6s %6s %6s %5s %5s%n",
            "observation",
            "pos",
            "tp",
            "fp",
            "fn",
            "tn",
            "P",
            "R",
            "F1",
            "tp.u",
            "fp.u"));
    for (Row r : rows()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-27s %4d %4d %4d %4d %5d %6.3f %6.3f %6.3f %5d %5d%n",
              r.observation(),
              r.positives(),
              r.tp(),
              r.fp(),
              r.fn(),
              r.tn(),
              r.precision(),
              r.recall(),
              r.f1(),
              r.tpUncertain(),
              r.fpUncertain()));
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
