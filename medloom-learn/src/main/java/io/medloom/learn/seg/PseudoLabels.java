package io.medloom.learn.seg;

import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * AIDE's augmentation-consistency pseudo-label: each image is flipped (half of the time) and
 * rotated (uniform in ±{@code rotation}) {@code k} times, predicted, each foreground map mapped
 * back (rotated back, flipped back) and the maps averaged where they cover the pixel; the
 * confidence is {@code W = 1 − 4·p_bg·p_fg}. A pixel no copy covered (a corner rotated out every
 * time) gets p = 0.5 and so confidence 0.
 *
 * @param foreground n*s*s foreground probabilities
 * @param confidence n*s*s values of W
 */
public record PseudoLabels(float[] foreground, float[] confidence) {

  /**
   * @param net images (n*s*s normalized floats) and n to foreground probabilities
   * @param fill the normalized value of black, for pixels rotated in from outside
   */
  public static PseudoLabels of(
      BiFunction<float[], Integer, float[]> net,
      float[] images,
      int n,
      int s,
      int k,
      double rotation,
      float fill,
      SplittableRandom rng) {
    int hw = s * s;
    float[] batch = new float[k * n * hw];
    boolean[] flips = new boolean[k * n];
    double[] angles = new double[k * n];
    for (int a = 0; a < k; a++) {
      for (int i = 0; i < n; i++) {
        int j = a * n + i;
        flips[j] = rng.nextBoolean();
        angles[j] = (rng.nextDouble() * 2 - 1) * rotation;
        float[] img = java.util.Arrays.copyOfRange(images, i * hw, (i + 1) * hw);
        if (flips[j]) {
          img = FloatMaps.flip(img, s);
        }
        img = FloatMaps.rotate(img, s, angles[j], fill);
        System.arraycopy(img, 0, batch, j * hw, hw);
      }
    }
    float[] probs = net.apply(batch, k * n);
    float[] fg = new float[n * hw];
    float[] conf = new float[n * hw];
    float[] sum = new float[n * hw];
    int[] count = new int[n * hw];
    for (int a = 0; a < k; a++) {
      for (int i = 0; i < n; i++) {
        int j = a * n + i;
        float[] p = java.util.Arrays.copyOfRange(probs, j * hw, (j + 1) * hw);
        p = FloatMaps.rotate(p, s, -angles[j], Float.NaN);
        if (flips[j]) {
          p = FloatMaps.flip(p, s);
        }
        for (int q = 0; q < hw; q++) {
          if (!Float.isNaN(p[q])) {
            sum[i * hw + q] += p[q];
            count[i * hw + q]++;
          }
        }
      }
    }
    for (int q = 0; q < fg.length; q++) {
      float p = count[q] == 0 ? 0.5f : sum[q] / count[q];
      fg[q] = p;
      conf[q] = 1 - 4 * p * (1 - p);
    }
    return new PseudoLabels(fg, conf);
  }
}
