package io.medloom.learn.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Area under the ROC curve, computed as the Mann–Whitney U statistic: the probability that a random
 * positive scores above a random negative, ties counting one half (average ranks). This equals the
 * trapezoidal area under the empirical ROC curve.
 */
public final class Auroc {
  private Auroc() {}

  /** AUROC, or NaN when there is no positive or no negative. */
  public static double of(double[] scores, boolean[] positive) {
    int n = scores.length;
    if (positive.length != n) {
      throw new IllegalArgumentException(n + " scores but " + positive.length + " truths");
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (positive[idx[k]]) {
          rankSumPos += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    double u = rankSumPos - pos * (pos + 1) / 2.0;
    return u / ((double) pos * neg);
  }

  /** The ROC curve's points (false positive rate, true positive rate), from (0,0) to (1,1). */
  public static List<double[]> curve(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(scores[b], scores[a]));
    long pos = 0;
    for (boolean p : positive) {
      pos += p ? 1 : 0;
    }
    long neg = n - pos;
    List<double[]> out = new ArrayList<>();
    out.add(new double[] {0, 0});
    if (pos == 0 || neg == 0) {
      return out;
    }
    long tp = 0;
    long fp = 0;
    int i = 0;
    while (i < n) {
      double s = scores[idx[i]];
      while (i < n && scores[idx[i]] == s) {
        if (positive[idx[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      out.add(new double[] {fp / (double) neg, tp / (double) pos});
    }
    return out;
  }
}
