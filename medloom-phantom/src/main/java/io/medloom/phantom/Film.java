package io.medloom.phantom;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns an attenuation line-integral map into an 8-bit "film": exponential transmission, detector
 * blur, quantum noise in the intensity domain (so dense regions are noisier, as with real photon
 * counts), log back to optical density, CR-style local contrast and a film curve.
 */
final class Film {
  /** Typical PA lung transmission; lung noise is kept at the level of such a film. */
  private static final double AEC_LUNG_T = 0.04;

  private Film() {}

  /**
   * @param dens line integrals sum(mu * t), consumed (overwritten)
   * @param exposure relative photon count
   * @param contrast -1..1 film curve variation
   * @param lungTarget display level (0..1) for the median lung density
   * @param denseTarget display level for the median of the dense reference masks
   * @param compress fraction of the very-low-frequency density removed (0 = none)
   * @param drc fraction of the low-frequency density above the dense median removed
   */
  static byte[] develop(
      float[] dens,
      Frame f,
      double exposure,
      double contrast,
      double lungTarget,
      double denseTarget,
      double compress,
      double drc,
      SplittableRandom noise,
      byte[][] lungMasks,
      byte[][] denseMasks) {
    int n = f.n;
    double pix = f.pix;
    float[] a = dens;
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) Math.exp(-a[i]);
    }
    gaussian(a, n, 0.075 / pix);
    // Photon counts per pixel scale with pixel area; a 320 px film gets ~25k counts in air.
    // Automatic exposure control: the tube output is set so that the detector dose behind the
    // lungs is about the same on every film (a lateral gets more mAs than a PA).
    double tLung = Math.max(1e-4, maskedMedian(a, lungMasks));
    double aec = Math.max(0.5, Math.min(40, AEC_LUNG_T / tLung));
    double n0 = 25000 * exposure * aec * (320.0 / n) * (320.0 / n);
    for (int i = 0; i < a.length; i++) {
      double v = a[i];
      a[i] = (float) Math.max(1e-5, v + Math.sqrt(v / n0) * noise.nextGaussian());
    }
    gaussian(a, n, 0.45);
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) -Math.log(a[i]);
    }
    // Unsharp mask with a ~2.5 cm kernel: the "equalisation" processing of digital chest films.
    float[] low = a.clone();
    int br = Math.max(2, (int) Math.round(1.4 / pix));
    boxBlur(low, n, br);
    boxBlur(low, n, br);
    // Large-kernel dynamic range compression (CR "equalisation"): thick and thin body parts
    // come closer together while detail is kept; stronger on the lateral view.
    float[] wide = a.clone();
    int wr = Math.max(3, (int) Math.round(3.5 / pix));
    boxBlur(wide, n, wr);
    boxBlur(wide, n, wr);
    double amount = 0.45;
    // Knee of the dynamic range compression: the smoothed density of the heart/mediastinum.
    // Anything thicker (shoulders, abdomen, lateral chest walls) is flattened towards it, as
    // the DRC stage of CR/DR processing does, instead of burning out to white.
    double knee = maskedMedian(low, denseMasks);
    for (int i = 0; i < a.length; i++) {
      double over = Math.max(0, 0.6 * low[i] + 0.4 * wide[i] - knee);
      a[i] =
          (float)
              (a[i]
                  + amount * (a[i] - low[i])
                  - compress * wide[i]
                  - drc * (1 - compress) * over * over / (over + 0.15));
    }
    // Anatomy-driven auto-ranging, as CR/DR systems do: lung median -> dark grey,
    // mediastinum/heart median -> near white, whatever the patient size or exposure.
    double dl = maskedMedian(a, lungMasks);
    double dd = maskedMedian(a, denseMasks);
    double span = Math.max(0.3, dd - dl);
    double lungLevel = lungTarget + 0.03 * contrast;
    double denseLevel = denseTarget + 0.02 * contrast;
    // Toe-and-shoulder film curve with a long, soft shoulder (dense parts roll off towards white
    // instead of clipping), tabulated over display values v in [-0.5, 2.5).
    byte[] lut = new byte[6144];
    for (int i = 0; i < lut.length; i++) {
      double v = -0.5 + 3.0 * i / lut.length;
      double c = 0.5 + 0.47 * Math.tanh((v - 0.5) * 2.2);
      lut[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(255 * c)));
    }
    byte[] out = new byte[a.length];
    double gain = (denseLevel - lungLevel) / span;
    for (int i = 0; i < a.length; i++) {
      double v = lungLevel + gain * (a[i] - dl);
      int idx = (int) ((v + 0.5) * (lut.length / 3.0));
      out[i] = lut[idx < 0 ? 0 : idx >= lut.length ? lut.length - 1 : idx];
    }
    return out;
  }

  private static double maskedMedian(float[] a, byte[][] masks) {
    int count = 0;
    for (byte[] m : masks) {
      for (byte b : m) {
        count += b;
      }
    }
    int step = Math.max(1, count / 5000);
    float[] s = new float[count / step + 1];
    int k = 0;
    int seen = 0;
    for (byte[] m : masks) {
      for (int i = 0; i < m.length; i++) {
        if (m[i] != 0 && (seen++ % step) == 0 && k < s.length) {
          s[k++] = a[i];
        }
      }
    }
    if (k == 0) {
      return percentile(a, 0.5);
    }
    Arrays.sort(s, 0, k);
    return s[k / 2];
  }

  static float percentile(float[] a, double q) {
    int step = Math.max(1, a.length / 5000);
    float[] s = new float[(a.length + step - 1) / step];
    for (int i = 0, k = 0; i < a.length; i += step) {
      s[k++] = a[i];
    }
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
  }

  /** Separable Gaussian blur, in place; clamps at the borders. */
  static void gaussian(float[] a, int n, double sigma) {
    if (sigma < 0.2) {
      return;
    }
    int r = (int) Math.ceil(3 * sigma);
    float[] k = new float[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= (float) sum;
    }
    float[] line = new float[n];
    for (int j = 0; j < n; j++) {
      int row = j * n;
      for (int i = 0; i < n; i++) {
        double acc = 0;
        for (int t = -r; t <= r; t++) {
          int x = i + t;
          x = x < 0 ? 0 : x >= n ? n - 1 : x;
          acc += k[t + r] * a[row + x];
        }
        line[i] = (float) acc;
      }
      System.arraycopy(line, 0, a, row, n);
    }
    // Vertical pass row by row (cache friendly): out[j] = sum_t k[t] * in[j + t].
    float[] src = a.clone();
    for (int j = 0; j < n; j++) {
      int row = j * n;
      java.util.Arrays.fill(line, 0f);
      for (int t = -r; t <= r; t++) {
        int y = j + t;
        y = y < 0 ? 0 : y >= n ? n - 1 : y;
        float w = k[t + r];
        int srow = y * n;
        for (int i = 0; i < n; i++) {
          line[i] += w * src[srow + i];
        }
      }
      System.arraycopy(line, 0, a, row, n);
    }
  }

  /** Running-sum box blur of radius r (O(1) per pixel); applied twice it is near-Gaussian. */
  static void boxBlur(float[] a, int n, int r) {
    float[] line = new float[n];
    double norm = 1.0 / (2 * r + 1);
    for (int j = 0; j < n; j++) {
      int row = j * n;
      double acc = 0;
      for (int t = -r; t <= r; t++) {
        acc += a[row + Math.max(0, Math.min(n - 1, t))];
      }
      for (int i = 0; i < n; i++) {
        line[i] = (float) (acc * norm);
        acc += a[row + Math.min(n - 1, i + r + 1)] - a[row + Math.max(0, i - r)];
      }
      System.arraycopy(line, 0, a, row, n);
    }
    // Vertical running sums, kept per column but updated row by row (cache friendly).
    double[] acc = new double[n];
    float[] src = a.clone();
    for (int t = -r; t <= r; t++) {
      int srow = Math.max(0, Math.min(n - 1, t)) * n;
      for (int i = 0; i < n; i++) {
        acc[i] += src[srow + i];
      }
    }
    for (int j = 0; j < n; j++) {
      int row = j * n;
      int addRow = Math.min(n - 1, j + r + 1) * n;
      int subRow = Math.max(0, j - r) * n;
      for (int i = 0; i < n; i++) {
        a[row + i] = (float) (acc[i] * norm);
        acc[i] += src[addRow + i] - src[subRow + i];
      }
    }
  }

  private static final String[] GLYPH_R = {
    "11110", "10001", "10001", "11110", "10100", "10010", "10001"
  };
  private static final String[] GLYPH_L = {
    "10000", "10000", "10000", "10000", "10000", "10000", "11111"
  };

  /** Burns a lead side marker ("R" or "L") into the attenuation map at (u, y) in cm. */
  static void marker(float[] dens, Frame f, char letter, double u, double y) {
    String[] g = letter == 'R' ? GLYPH_R : GLYPH_L;
    double cell = 0.28;
    for (int gy = 0; gy < 7; gy++) {
      for (int gx = 0; gx < 5; gx++) {
        if (g[gy].charAt(gx) != '1') {
          continue;
        }
        double cu = u + gx * cell;
        double cy = y + gy * cell;
        for (int j = f.rowFloor(cy); j <= f.rowCeil(cy + cell); j++) {
          for (int i = f.colFloor(cu); i <= f.colCeil(cu + cell); i++) {
            double pu = f.u(i);
            double py = f.y(j);
            if (pu >= cu && pu < cu + cell && py >= cy && py < cy + cell) {
              dens[j * f.n + i] += 5f;
            }
          }
        }
      }
    }
  }
}
