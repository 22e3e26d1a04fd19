package io.medloom.learn.metrics;

import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.TargetSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Metrics of a classifier from its raw outputs (logits) and the encoded targets. */
public final class ClassifyMetrics {
  private ClassifyMetrics() {}

  /** Class probabilities from logits: softmax for cross-entropy, sigmoid otherwise. */
  public static double[][] probabilities(TargetSpec spec, float[][] logits) {
    int n = logits.length;
    int k = spec.classNames().size();
    double[][] p = new double[n][k];
    for (int i = 0; i < n; i++) {
      float[] z = logits[i];
      switch (spec.loss()) {
        case CROSS_ENTROPY -> {
          double max = Double.NEGATIVE_INFINITY;
          for (float v : z) {
            max = Math.max(max, v);
          }
          double sum = 0;
          for (int c = 0; c < k; c++) {
            p[i][c] = Math.exp(z[c] - max);
            sum += p[i][c];
          }
          for (int c = 0; c < k; c++) {
            p[i][c] /= sum;
          }
        }
        case BINARY_CROSS_ENTROPY -> {
          if (spec.outputs() == 1 && k == 2) {
            p[i][1] = sigmoid(z[0]);
            p[i][0] = 1 - p[i][1];
          } else {
            for (int c = 0; c < k; c++) {
              p[i][c] = sigmoid(z[c]);
            }
          }
        }
        case MEAN_SQUARED_ERROR -> p[i][0] = z[0];
      }
    }
    return p;
  }

  /** {@code positive[i][c]}: sample i belongs to class c, from the encoded targets. */
  public static boolean[][] truth(TargetSpec spec, float[][] targets) {
    int k = spec.classNames().size();
    boolean[][] t = new boolean[targets.length][k];
    for (int i = 0; i < targets.length; i++) {
      if (spec.outputs() == 1 && k == 2) {
        t[i][targets[i][0] > 0.5f ? 1 : 0] = true;
      } else {
        for (int c = 0; c < k; c++) {
          t[i][c] = targets[i][c] > 0.5f;
        }
      }
    }
    return t;
  }

  public static ClassifyReport compute(
      TargetSpec spec,
      String split,
      float[][] logits,
      float[][] targets,
      Normalization norm,
      int resamples,
      long seed) {
    List<String> classes = spec.classNames();
    if (spec.loss() == TargetSpec.Loss.MEAN_SQUARED_ERROR) {
      return regression(spec, split, logits, targets, norm);
    }
    double[][] p = probabilities(spec, logits);
    boolean[][] t = truth(spec, targets);
    int n = p.length;
    int k = classes.size();
    boolean single = spec.target() != io.medloom.core.model.TaskTarget.MULTILABEL;
    Map<String, Double> auroc = new LinkedHashMap<>();
    Map<String, Long> positives = new LinkedHashMap<>();
    double[][] scores = new double[k][n];
    boolean[][] pos = new boolean[k][n];
    for (int c = 0; c < k; c++) {
      long np = 0;
      for (int i = 0; i < n; i++) {
        scores[c][i] = p[i][c];
        pos[c][i] = t[i][c];
        np += t[i][c] ? 1 : 0;
      }
      positives.put(classes.get(c), np);
      // Undefined (no positive or no negative in the split): null in the JSON, never "NaN".
      double a = Auroc.of(scores[c], pos[c]);
      auroc.put(classes.get(c), Double.isNaN(a) ? null : a);
    }
    Double macro = macro(auroc.values());
    // Bootstrap: resample samples with replacement, recompute every AUROC.
    double[][] boot = new double[k + 1][resamples];
    SplittableRandom rng = new SplittableRandom(seed);
    int[] pick = new int[n];
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        pick[i] = rng.nextInt(n);
      }
      List<Double> per = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < n; i++) {
          s[i] = scores[c][pick[i]];
          y[i] = pos[c][pick[i]];
        }
        boot[c][b] = Auroc.of(s, y);
        per.add(boot[c][b]);
      }
      Double m = macro(per);
      boot[k][b] = m == null ? Double.NaN : m;
    }
    Map<String, double[]> ci = new LinkedHashMap<>();
    for (int c = 0; c < k; c++) {
      ci.put(classes.get(c), auroc.get(classes.get(c)) == null ? null : percentiles(boot[c]));
    }
    // Decisions: argmax for single-label, 0.5 per class for multilabel.
    List<List<Long>> confusion = new ArrayList<>();
    double accuracy;
    double balanced;
    double f1;
    if (single) {
      long[][] cm = new long[k][k];
      long right = 0;
      for (int i = 0; i < n; i++) {
        int truthClass = argmax(t[i]);
        int predicted = argmax(p[i]);
        cm[truthClass][predicted]++;
        right += truthClass == predicted ? 1 : 0;
      }
      accuracy = n == 0 ? Double.NaN : right / (double) n;
      double recallSum = 0;
      double f1Sum = 0;
      int present = 0;
      for (int c = 0; c < k; c++) {
        long tp = cm[c][c];
        long rowSum = Arrays.stream(cm[c]).sum();
        long colSum = 0;
        for (int r = 0; r < k; r++) {
          colSum += cm[r][c];
        }
        if (rowSum > 0) {
          recallSum += tp / (double) rowSum;
          present++;
        }
        f1Sum += rowSum + colSum == 0 ? 0 : 2.0 * tp / (rowSum + colSum);
        confusion.add(Arrays.stream(cm[c]).boxed().toList());
      }
      balanced = present == 0 ? Double.NaN : recallSum / present;
      f1 = f1Sum / k;
    } else {
      long right = 0;
      double balancedSum = 0;
      double f1Sum = 0;
      int counted = 0;
      for (int c = 0; c < k; c++) {
        long tn = 0;
        long fp = 0;
        long fn = 0;
        long tp = 0;
        for (int i = 0; i < n; i++) {
          boolean predicted = p[i][c] >= 0.5;
          if (t[i][c]) {
            if (predicted) tp++;
            else fn++;
          } else {
            if (predicted) fp++;
            else tn++;
          }
        }
        right += tp + tn;
        if (tp + fn > 0 && tn + fp > 0) {
          balancedSum += (tp / (double) (tp + fn) + tn / (double) (tn + fp)) / 2;
          counted++;
        }
        f1Sum += 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        confusion.add(List.of(tn, fp, fn, tp));
      }
      accuracy = n == 0 ? Double.NaN : right / (double) (n * (long) k);
      balanced = counted == 0 ? Double.NaN : balancedSum / counted;
      f1 = f1Sum / k;
    }
    return new ClassifyReport(
        spec.task().name(),
        spec.target().wireName(),
        split,
        n,
        classes,
        positives,
        auroc,
        ci,
        macro,
        macro == null ? null : percentiles(boot[k]),
        accuracy,
        balanced,
        f1,
        confusion,
        null,
        null,
        null,
        resamples);
  }

  private static ClassifyReport regression(
      TargetSpec spec, String split, float[][] out, float[][] targets, Normalization norm) {
    int n = out.length;
    double se = 0;
    double ae = 0;
    double mean = 0;
    double[] truth = new double[n];
    for (int i = 0; i < n; i++) {
      truth[i] = targets[i][0] * norm.targetStd() + norm.targetMean();
      mean += truth[i] / n;
    }
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double pred = out[i][0] * norm.targetStd() + norm.targetMean();
      se += (pred - truth[i]) * (pred - truth[i]);
      ae += Math.abs(pred - truth[i]);
      ss += (truth[i] - mean) * (truth[i] - mean);
    }
    return new ClassifyReport(
        spec.task().name(),
        spec.target().wireName(),
        split,
        n,
        spec.classNames(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        ae / n,
        Math.sqrt(se / n),
        ss == 0 ? Double.NaN : 1 - se / ss,
        null);
  }

  /** Mean of the defined values, or null when none is defined. */
  static Double macro(Iterable<Double> values) {
    double sum = 0;
    int count = 0;
    for (Double v : values) {
      if (v != null && !v.isNaN()) {
        sum += v;
        count++;
      }
    }
    return count == 0 ? null : sum / count;
  }

  /** The 2.5th and 97.5th percentiles of the defined values (NaN when none). */
  static double[] percentiles(double[] values) {
    double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    return new double[] {
      v[(int) Math.floor(0.025 * (v.length - 1))], v[(int) Math.ceil(0.975 * (v.length - 1))]
    };
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static int argmax(boolean[] v) {
    for (int i = 0; i < v.length; i++) {
      if (v[i]) {
        return i;
      }
    }
    return 0;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
