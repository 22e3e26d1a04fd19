package io.medloom.learn.fewshot;

import java.util.Arrays;

/**
 * The methods that adapt to an episode on frozen features, in plain Java (an episode has at most a
 * few dozen support rows, so a tensor library would cost more than it saves). Each returns class
 * probabilities per query row, over the episode's classes in order ({@code 0..ways-1}).
 */
final class Heads {
  static final int PROBE_EPOCHS = 100;
  static final double PROBE_LR = 0.05;
  static final double PROBE_L2 = 1e-3;

  private Heads() {}

  /**
   * Prototypical networks (Snell et al. 2017) on a frozen encoder: each class is the mean of its
   * support features, a query the softmax over negative squared Euclidean distances to the
   * prototypes. Features are first scaled by the support's overall spread, so the softmax does not
   * saturate on encoders whose features are large.
   */
  static double[][] prototypes(float[][] support, int[] labels, int ways, float[][] query) {
    int d = support[0].length;
    double[][] proto = new double[ways][d];
    int[] count = new int[ways];
    for (int i = 0; i < support.length; i++) {
      count[labels[i]]++;
      for (int j = 0; j < d; j++) {
        proto[labels[i]][j] += support[i][j];
      }
    }
    for (int c = 0; c < ways; c++) {
      for (int j = 0; j < d; j++) {
        proto[c][j] /= Math.max(1, count[c]);
      }
    }
    double scale = spread(support);
    double[][] out = new double[query.length][ways];
    for (int q = 0; q < query.length; q++) {
      for (int c = 0; c < ways; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double v = (query[q][j] - proto[c][j]) / scale;
          s += v * v;
        }
        out[q][c] = -s;
      }
      softmaxInPlace(out[q]);
    }
    return out;
  }

  /** Root mean squared distance of support features to their mean (at least 1e-6). */
  static double spread(float[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    for (float[] r : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / x.length;
      }
    }
    double s = 0;
    for (float[] r : x) {
      for (int j = 0; j < d; j++) {
        s += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
    }
    return Math.max(1e-6, Math.sqrt(s / x.length));
  }

  /**
   * Linear probe on the support set: features standardized with the support's mean and spread,
   * softmax regression fitted by full-batch Adam for a fixed number of epochs with an L2 penalty
   * (there is no validation set in an episode to stop on).
   */
  static double[][] probe(float[][] support, int[] labels, int ways, float[][] query) {
    int d = support[0].length;
    int n = support.length;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (float[] r : support) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / n;
      }
    }
    for (float[] r : support) {
      for (int j = 0; j < d; j++) {
        std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.max(1e-6, Math.sqrt(std[j]));
    }
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = standardize(support[i], mean, std);
    }
    double[][] w = new double[ways][d + 1];
    double[][] m1 = new double[ways][d + 1];
    double[][] m2 = new double[ways][d + 1];
    for (int epoch = 1; epoch <= PROBE_EPOCHS; epoch++) {
      double[][] g = new double[ways][d + 1];
      for (int i = 0; i < n; i++) {
        double[] p = logits(w, x[i]);
        softmaxInPlace(p);
        for (int c = 0; c < ways; c++) {
          double err = (p[c] - (labels[i] == c ? 1 : 0)) / n;
          for (int j = 0; j < d; j++) {
            g[c][j] += err * x[i][j];
          }
          g[c][d] += err;
        }
      }
      double bc1 = 1 - Math.pow(0.9, epoch);
      double bc2 = 1 - Math.pow(0.999, epoch);
      for (int c = 0; c < ways; c++) {
        for (int j = 0; j <= d; j++) {
          double gr = g[c][j] + (j < d ? PROBE_L2 * w[c][j] : 0);
          m1[c][j] = 0.9 * m1[c][j] + 0.1 * gr;
          m2[c][j] = 0.999 * m2[c][j] + 0.001 * gr * gr;
          w[c][j] -= PROBE_LR * (m1[c][j] / bc1) / (Math.sqrt(m2[c][j] / bc2) + 1e-8);
        }
      }
    }
    double[][] out = new double[query.length][];
    for (int q = 0; q < query.length; q++) {
      out[q] = logits(w, standardize(query[q], mean, std));
      softmaxInPlace(out[q]);
    }
    return out;
  }

  static double[] standardize(float[] x, double[] mean, double[] std) {
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = (x[j] - mean[j]) / std[j];
    }
    return out;
  }

  private static double[] logits(double[][] w, double[] x) {
    int d = x.length;
    double[] z = new double[w.length];
    for (int c = 0; c < w.length; c++) {
      double s = w[c][d];
      for (int j = 0; j < d; j++) {
        s += w[c][j] * x[j];
      }
      z[c] = s;
    }
    return z;
  }

  static void softmaxInPlace(double[] z) {
    double max = Arrays.stream(z).max().orElse(0);
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < z.length; c++) {
      z[c] /= sum;
    }
  }
}
