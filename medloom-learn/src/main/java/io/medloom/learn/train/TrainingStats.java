package io.medloom.learn.train;

import io.medloom.core.image.Raster;
import io.medloom.core.model.TaskTarget;
import io.medloom.learn.data.Examples;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.TargetSpec;
import io.medloom.store.read.Column;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** Numbers fixed from the training split before the first step. */
final class TrainingStats {
  /** Images looked at for the pixel mean and spread: enough for two decimals, and quick. */
  static final int NORMALIZATION_SAMPLES = 512;

  private TrainingStats() {}

  /**
   * Pixel mean and standard deviation (over all channels, in [0,1]) of the first training images,
   * and mean and spread of regression targets.
   */
  static Normalization normalization(Examples raw) throws IOException {
    double sum = 0;
    double sq = 0;
    long count = 0;
    int n = Math.min(raw.size(), NORMALIZATION_SAMPLES);
    for (int i = 0; i < n; i++) {
      int position = raw.position(i);
      Raster r =
          raw.reader()
              .get(position, Set.of(Column.IMAGE))
              .image()
              .orElseThrow()
              .withChannels(raw.channels());
      for (byte b : r.pixels()) {
        double v = (b & 0xff) / 255.0;
        sum += v;
        sq += v * v;
      }
      count += r.pixels().length;
    }
    double mean = sum / count;
    double std = Math.sqrt(Math.max(1e-12, sq / count - mean * mean));
    double tMean = 0;
    double tStd = 1;
    if (raw.spec().target() == TaskTarget.REGRESSION) {
      double ts = 0;
      double tq = 0;
      for (int i = 0; i < raw.size(); i++) {
        double v = raw.label(i).value();
        ts += v;
        tq += v * v;
      }
      tMean = ts / raw.size();
      tStd = Math.sqrt(Math.max(1e-12, tq / raw.size() - tMean * tMean));
    }
    return new Normalization(mean, Math.max(std, 1e-3), tMean, tStd);
  }

  /**
   * Per output, negatives / positives of the training split for binary cross-entropy (as PyTorch's
   * {@code pos_weight}), kept within [0.01, 100]; 1 for other losses.
   */
  static float[] positiveWeights(Examples raw) {
    TargetSpec spec = raw.spec();
    float[] w = new float[spec.outputs()];
    java.util.Arrays.fill(w, 1f);
    if (spec.loss() != TargetSpec.Loss.BINARY_CROSS_ENTROPY) {
      return w;
    }
    long[] pos = new long[spec.outputs()];
    for (int i = 0; i < raw.size(); i++) {
      float[] t = spec.encode(raw.label(i), 0, 1);
      for (int k = 0; k < t.length; k++) {
        pos[k] += t[k] > 0.5f ? 1 : 0;
      }
    }
    for (int k = 0; k < w.length; k++) {
      long neg = raw.size() - pos[k];
      w[k] = pos[k] == 0 ? 1f : (float) Math.min(100, Math.max(0.01, neg / (double) pos[k]));
    }
    return w;
  }

  /** What a resumed run must match: dataset content, task, recipe, seed and split scheme. */
  static String configHash(String fingerprint, TrainConfig c) throws IOException {
    String text =
        String.join(
            "\n",
            fingerprint,
            c.task(),
            c.preset().toJson(),
            Long.toString(c.seed()),
            c.scheme().wireName());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
