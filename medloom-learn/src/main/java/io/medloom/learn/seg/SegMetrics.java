package io.medloom.learn.seg;

import static io.medloom.core.Checks.checkArgument;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Overlap and boundary metrics of a predicted binary mask against the truth, row-major {@code
 * boolean[w*h]}, and the bootstrap interval of a mean.
 *
 * <p>Conventions (stated because libraries differ): Dice and IoU of two empty masks are 1 (nothing
 * to find, nothing found). HD95 follows medpy's {@code hd95}: surface pixels are foreground pixels
 * with a 4-neighbour outside the mask (the image border counts as outside), the Euclidean distances
 * from every surface pixel of each mask to the nearest surface pixel of the other are pooled, and
 * the 95th percentile (linear interpolation, numpy's default) is taken. Two empty masks give 0;
 * when exactly one is empty the distance is undefined and the image diagonal (the worst possible)
 * is returned, so a missed lesion is penalised instead of silently dropped from a mean.
 */
public final class SegMetrics {
  private SegMetrics() {}

  public static double dice(boolean[] pred, boolean[] truth) {
    checkArgument(pred.length == truth.length, "masks differ in size");
    long inter = 0;
    long a = 0;
    long b = 0;
    for (int i = 0; i < pred.length; i++) {
      if (pred[i]) {
        a++;
      }
      if (truth[i]) {
        b++;
        if (pred[i]) {
          inter++;
        }
      }
    }
    return a + b == 0 ? 1.0 : 2.0 * inter / (a + b);
  }

  public static double iou(boolean[] pred, boolean[] truth) {
    checkArgument(pred.length == truth.length, "masks differ in size");
    long inter = 0;
    long union = 0;
    for (int i = 0; i < pred.length; i++) {
      if (pred[i] && truth[i]) {
        inter++;
      }
      if (pred[i] || truth[i]) {
        union++;
      }
    }
    return union == 0 ? 1.0 : inter / (double) union;
  }

  /** The 95th percentile symmetric surface distance in pixels (see the class comment). */
  public static double hd95(boolean[] pred, boolean[] truth, int w, int h) {
    checkArgument(pred.length == w * h && truth.length == w * h, "masks are not %sx%s", w, h);
    int[] sa = surface(pred, w, h);
    int[] sb = surface(truth, w, h);
    if (sa.length == 0 && sb.length == 0) {
      return 0;
    }
    if (sa.length == 0 || sb.length == 0) {
      return Math.sqrt((double) w * w + (double) h * h);
    }
    double[] d = new double[sa.length + sb.length];
    directed(sa, sb, w, d, 0);
    directed(sb, sa, w, d, sa.length);
    return percentile(d, 95);
  }

  /** Surface pixel indices: foreground with a 4-neighbour that is background or off the image. */
  static int[] surface(boolean[] m, int w, int h) {
    int[] out = new int[m.length];
    int n = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        if (!m[i]) {
          continue;
        }
        boolean edge =
            x == 0
                || y == 0
                || x == w - 1
                || y == h - 1
                || !m[i - 1]
                || !m[i + 1]
                || !m[i - w]
                || !m[i + w];
        if (edge) {
          out[n++] = i;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static void directed(int[] from, int[] to, int w, double[] out, int at) {
    for (int k = 0; k < from.length; k++) {
      int fx = from[k] % w;
      int fy = from[k] / w;
      long best = Long.MAX_VALUE;
      for (int t : to) {
        long dx = t % w - fx;
        long dy = t / w - fy;
        long d2 = dx * dx + dy * dy;
        if (d2 < best) {
          best = d2;
          if (d2 == 0) {
            break;
          }
        }
      }
      out[at + k] = Math.sqrt(best);
    }
  }

  /** The q-th percentile with linear interpolation between order statistics (numpy default). */
  public static double percentile(double[] values, double q) {
    checkArgument(values.length > 0, "percentile of no values");
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = q / 100.0 * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  /**
   * Percentile bootstrap 95% interval of the mean: {@code rounds} resamples of the per-sample
   * values with replacement, seeded, then the 2.5th and 97.5th percentiles of the resampled means.
   */
  public static double[] bootstrapCi95(double[] values, int rounds, long seed) {
    if (values.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] means = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      double s = 0;
      for (int i = 0; i < values.length; i++) {
        s += values[rng.nextInt(values.length)];
      }
      means[r] = s / values.length;
    }
    return new double[] {percentile(means, 2.5), percentile(means, 97.5)};
  }
}
