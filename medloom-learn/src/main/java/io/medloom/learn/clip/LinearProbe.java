package io.medloom.learn.clip;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.metrics.Auroc;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Linear probe, CXR-CLIP's 1%/10%/100% protocol: the image encoder is frozen, its pooled features
 * (before the projection) are standardized with the training subset's mean and spread, and a linear
 * head is fitted on a seeded random fraction of the training split: full-batch Adam, softmax
 * cross-entropy for multiclass tasks, binary cross-entropy otherwise, a small L2 penalty. The head
 * of the epoch with the best validation AUROC is kept and scored on the test split.
 */
public final class LinearProbe {
  static final int EPOCHS = 300;
  static final double LR = 0.01;
  static final double L2 = 1e-4;

  private LinearProbe() {}

  /** One fraction's result. */
  public record Row(
      double fraction,
      int trainSamples,
      double valAuroc,
      double testAuroc,
      Map<String, Double> auroc) {}

  public record Report(String task, int valSamples, int testSamples, List<Row> rows) {}

  /** Features and targets of the labeled samples of one split. */
  record Split(float[][] x, float[][] y) {}

  public static Report run(
      ClipModel model,
      Path dataset,
      SplitScheme scheme,
      String taskName,
      List<Double> fractions,
      long seed,
      int threads)
      throws IOException {
    Split train;
    Split val;
    Split test;
    TargetSpec spec;
    try (SampleReader r = ClipModel.reader(dataset, scheme, "train")) {
      Task task =
          r.info().tasks().stream()
              .filter(t -> t.name().equals(taskName))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "dataset " + dataset + " has no task '" + taskName + "'"));
      if (task.target() == TaskTarget.REGRESSION || task.target() == TaskTarget.SEGMENTATION) {
        throw new IllegalArgumentException("the probe needs a classification task");
      }
      spec = TargetSpec.of(task);
      train = features(model, r, spec, threads);
    }
    try (SampleReader r = ClipModel.reader(dataset, scheme, "val")) {
      val = features(model, r, spec, threads);
    }
    try (SampleReader r = ClipModel.reader(dataset, scheme, "test")) {
      test = features(model, r, spec, threads);
    }
    if (train.x().length < 2 || test.x().length == 0) {
      throw new IllegalArgumentException(
          "task '" + taskName + "' has too few labeled train or test samples for a probe");
    }
    List<Row> rows = new ArrayList<>();
    for (double f : fractions) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("--fraction values must be in (0,1]: " + f);
      }
      int[] pick = subset(train.x().length, f, seed);
      rows.add(fit(spec, train, pick, val, test, f));
    }
    return new Report(taskName, val.x().length, test.x().length, rows);
  }

  static Split features(ClipModel model, SampleReader reader, TargetSpec spec, int threads)
      throws IOException {
    ClipData data = model.open(reader);
    float[][] feats = model.images(data, 64, threads).features();
    List<float[]> x = new ArrayList<>();
    List<float[]> y = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      for (Label l : data.labels(i)) {
        if (l.task().equals(spec.task().name()) && spec.usable(l)) {
          x.add(feats[i]);
          y.add(spec.encode(l, 0, 1));
        }
      }
    }
    return new Split(x.toArray(new float[0][]), y.toArray(new float[0][]));
  }

  /** A seeded random subset of {@code ceil(f·n)} indices (at least 2). */
  static int[] subset(int n, double f, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int k = Math.max(2, Math.min(n, (int) Math.ceil(f * n)));
    return java.util.Arrays.copyOf(all, k);
  }

  static Row fit(TargetSpec spec, Split train, int[] pick, Split val, Split test, double f) {
    int d = train.x()[0].length;
    int k = spec.outputs();
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int i : pick) {
      for (int j = 0; j < d; j++) {
        mean[j] += train.x()[i][j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= pick.length;
    }
    for (int i : pick) {
      for (int j = 0; j < d; j++) {
        double v = train.x()[i][j] - mean[j];
        std[j] += v * v;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.max(1e-6, Math.sqrt(std[j] / pick.length));
    }
    boolean softmax = spec.loss() == TargetSpec.Loss.CROSS_ENTROPY;
    double[][] w = new double[k][d + 1];
    double[][] m1 = new double[k][d + 1];
    double[][] m2 = new double[k][d + 1];
    double[][] best = copy(w);
    double bestVal = Double.NEGATIVE_INFINITY;
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      double[][] g = new double[k][d + 1];
      for (int i : pick) {
        double[] x = standardize(train.x()[i], mean, std);
        double[] p = predict(w, x, softmax);
        for (int c = 0; c < k; c++) {
          double err = (p[c] - train.y()[i][c]) / pick.length;
          for (int j = 0; j < d; j++) {
            g[c][j] += err * x[j];
          }
          g[c][d] += err;
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j <= d; j++) {
          double gr = g[c][j] + (j < d ? L2 * w[c][j] : 0);
          m1[c][j] = 0.9 * m1[c][j] + 0.1 * gr;
          m2[c][j] = 0.999 * m2[c][j] + 0.001 * gr * gr;
          double mh = m1[c][j] / (1 - Math.pow(0.9, epoch));
          double vh = m2[c][j] / (1 - Math.pow(0.999, epoch));
          w[c][j] -= LR * mh / (Math.sqrt(vh) + 1e-8);
        }
      }
      if (epoch % 10 == 0 || epoch == EPOCHS) {
        double v = val.x().length == 0 ? epoch : macroAuroc(spec, w, val, mean, std, softmax, null);
        if (Double.isNaN(v) || v > bestVal) {
          bestVal = Double.isNaN(v) ? bestVal : v;
          best = copy(w);
        }
      }
    }
    Map<String, Double> per = new LinkedHashMap<>();
    double testAuroc = macroAuroc(spec, best, test, mean, std, softmax, per);
    return new Row(f, pick.length, val.x().length == 0 ? Double.NaN : bestVal, testAuroc, per);
  }

  static double macroAuroc(
      TargetSpec spec,
      double[][] w,
      Split s,
      double[] mean,
      double[] std,
      boolean softmax,
      Map<String, Double> per) {
    int k = spec.outputs();
    int n = s.x().length;
    double[][] scores = new double[k][n];
    boolean[][] truth = new boolean[k][n];
    for (int i = 0; i < n; i++) {
      double[] p = predict(w, standardize(s.x()[i], mean, std), softmax);
      for (int c = 0; c < k; c++) {
        scores[c][i] = p[c];
        truth[c][i] = s.y()[i][c] > 0.5f;
      }
    }
    List<String> names = spec.classNames();
    double sum = 0;
    int count = 0;
    for (int c = 0; c < k; c++) {
      // A binary task has one output, for its positive class (class 1).
      if (k == 2 && softmax && c == 0) {
        continue;
      }
      double a = Auroc.of(scores[c], truth[c]);
      if (per != null) {
        String name = k == 1 ? names.get(names.size() - 1) : names.get(c);
        per.put(name, Double.isNaN(a) ? null : a);
      }
      if (!Double.isNaN(a)) {
        sum += a;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  static double[] standardize(float[] x, double[] mean, double[] std) {
    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      out[j] = (x[j] - mean[j]) / std[j];
    }
    return out;
  }

  static double[] predict(double[][] w, double[] x, boolean softmax) {
    int k = w.length;
    int d = x.length;
    double[] z = new double[k];
    for (int c = 0; c < k; c++) {
      double s = w[c][d];
      for (int j = 0; j < d; j++) {
        s += w[c][j] * x[j];
      }
      z[c] = s;
    }
    if (softmax) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      for (int c = 0; c < k; c++) {
        z[c] /= sum;
      }
    } else {
      for (int c = 0; c < k; c++) {
        z[c] = 1 / (1 + Math.exp(-z[c]));
      }
    }
    return z;
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
