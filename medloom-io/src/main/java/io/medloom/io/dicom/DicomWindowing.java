package io.medloom.io.dicom;

import io.medloom.core.image.Raster;
import java.util.Arrays;

/**
 * Turns one frame of a {@link DicomImage} into an 8-bit {@link Raster} for display and training.
 *
 * <ul>
 *   <li>Grey images use the file's VOI window (first value) with the DICOM linear window function
 *       of PS3.3 C.11.2.1.2. Without one, an automatic window maps the frame's 0.5th percentile to
 *       0 and its 99.5th percentile to 255 (percentiles interpolated linearly between sorted
 *       values, like numpy's default), so a few hot pixels or the air outside a CT do not squeeze
 *       the anatomy into a handful of grey levels.
 *   <li>MONOCHROME1 is inverted after windowing, so that dense tissue is bright as in MONOCHROME2.
 *   <li>Colour stays colour: RGB is rounded and clamped, YBR_FULL and YBR_FULL_422 are converted to
 *       RGB (full-range ITU-R BT.601, the transform of PS3.3 C.7.6.3.1.2).
 * </ul>
 */
public final class DicomWindowing {
  static final double LOW_PERCENTILE = 0.5;
  static final double HIGH_PERCENTILE = 99.5;

  private DicomWindowing() {}

  /** The 8-bit raster of frame {@code frame} (0-based). */
  public static Raster toRaster(DicomImage img, int frame) {
    if (frame < 0 || frame >= img.frames()) {
      throw new IndexOutOfBoundsException(
          "frame " + frame + " out of range: the image has " + img.frames() + " frame(s)");
    }
    float[] v = img.frameValues().get(frame);
    if (img.samplesPerPixel() == 3) {
      return new Raster(img.width(), img.height(), 3, colour(v, img.photometric()));
    }
    byte[] out = new byte[v.length];
    if (img.window().isPresent()) {
      double[] cw = img.window().get();
      applyWindow(v, cw[0], cw[1], out);
    } else {
      applyRange(v, out);
    }
    if (img.isMonochrome1()) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (255 - (out[i] & 0xff));
      }
    }
    return new Raster(img.width(), img.height(), 1, out);
  }

  /** DICOM linear VOI function: the window [c-0.5-(w-1)/2, c-0.5+(w-1)/2] spans 0..255. */
  static void applyWindow(float[] v, double center, double width, byte[] out) {
    double w = Math.max(1, width);
    double c = center - 0.5;
    double lower = c - (w - 1) / 2;
    double upper = c + (w - 1) / 2;
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      int y;
      if (x <= lower) {
        y = 0;
      } else if (x > upper) {
        y = 255;
      } else {
        y = clamp(Math.round(((x - c) / (w - 1) + 0.5) * 255));
      }
      out[i] = (byte) y;
    }
  }

  /** The automatic window; a constant frame maps to 0 rather than dividing by zero. */
  private static void applyRange(float[] v, byte[] out) {
    float[] sorted = v.clone();
    Arrays.sort(sorted);
    double lo = percentile(sorted, LOW_PERCENTILE);
    double hi = percentile(sorted, HIGH_PERCENTILE);
    double scale = hi > lo ? 255 / (hi - lo) : 0;
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) clamp(Math.round((v[i] - lo) * scale));
    }
  }

  /** Percentile p (0..100) of sorted values, interpolating linearly between neighbours. */
  static double percentile(float[] sorted, double p) {
    double pos = p / 100 * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(i + 1, sorted.length - 1);
    double f = pos - i;
    return sorted[i] + f * (sorted[j] - sorted[i]);
  }

  private static byte[] colour(float[] v, String photometric) {
    byte[] out = new byte[v.length];
    boolean ybr = photometric != null && photometric.startsWith("YBR_FULL");
    for (int i = 0; i < v.length; i += 3) {
      double a = v[i];
      double b = v[i + 1];
      double c = v[i + 2];
      if (ybr) {
        double y = a;
        double cb = b - 128;
        double cr = c - 128;
        a = y + 1.402 * cr;
        b = y - 0.344136 * cb - 0.714136 * cr;
        c = y + 1.772 * cb;
      }
      out[i] = (byte) clamp(Math.round(a));
      out[i + 1] = (byte) clamp(Math.round(b));
      out[i + 2] = (byte) clamp(Math.round(c));
    }
    return out;
  }

  private static int clamp(long x) {
    return (int) Math.max(0, Math.min(255, x));
  }
}
