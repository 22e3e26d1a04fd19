package io.medloom.learn.seg;

/**
 * Square float maps (row-major {@code s*s}): the flips and rotations of AIDE's pseudo-labels and
 * the bilinear resize of a probability map back to an image's size. A rotation by {@code -θ} undoes
 * one by {@code θ} wherever the pixel stayed inside; pixels that come from outside get {@code fill}
 * (NaN marks them invalid).
 */
public final class FloatMaps {
  private FloatMaps() {}

  public static float[] flip(float[] m, int s) {
    float[] out = new float[m.length];
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        out[y * s + x] = m[y * s + (s - 1 - x)];
      }
    }
    return out;
  }

  /**
   * Rotation about the centre, bilinear; a sample touching an outside or NaN pixel is {@code fill}.
   */
  public static float[] rotate(float[] m, int s, double degrees, float fill) {
    if (degrees == 0) {
      return m.clone();
    }
    double rad = Math.toRadians(degrees);
    double cos = Math.cos(rad);
    double sin = Math.sin(rad);
    double c = s / 2.0;
    float[] out = new float[m.length];
    for (int y = 0; y < s; y++) {
      double dy = y + 0.5 - c;
      for (int x = 0; x < s; x++) {
        double dx = x + 0.5 - c;
        double sx = cos * dx - sin * dy + c - 0.5;
        double sy = sin * dx + cos * dy + c - 0.5;
        out[y * s + x] = sample(m, s, s, sx, sy, fill);
      }
    }
    return out;
  }

  /** Bilinear resize of a {@code w x h} map to {@code ow x oh} (pixel centres aligned). */
  public static float[] resize(float[] m, int w, int h, int ow, int oh) {
    float[] out = new float[ow * oh];
    for (int y = 0; y < oh; y++) {
      double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / oh - 0.5));
      for (int x = 0; x < ow; x++) {
        double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / ow - 0.5));
        out[y * ow + x] = sample(m, w, h, sx, sy, 0f);
      }
    }
    return out;
  }

  private static float sample(float[] m, int w, int h, double sx, double sy, float fill) {
    int x0 = (int) Math.floor(sx);
    int y0 = (int) Math.floor(sy);
    double fx = sx - x0;
    double fy = sy - y0;
    // Exactly on the last row/column: no right/bottom neighbour is needed.
    int x1 = fx < 1e-9 ? x0 : x0 + 1;
    int y1 = fy < 1e-9 ? y0 : y0 + 1;
    if (x0 < 0 || y0 < 0 || x1 >= w || y1 >= h) {
      return fill;
    }
    double v =
        (1 - fy) * ((1 - fx) * m[y0 * w + x0] + fx * m[y0 * w + x1])
            + fy * ((1 - fx) * m[y1 * w + x0] + fx * m[y1 * w + x1]);
    return Double.isNaN(v) ? fill : (float) v;
  }
}
