package io.medloom.io.image;

import io.medloom.core.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;

/**
 * Floating-point images (32- and 64-bit TIFF samples, as scientific cameras and processing tools
 * write them) to 8 bits. ImageIO's generic conversions cast floats to ints, which turns a 0..1
 * image black and NaN into 0, so a file of nothing but NaN became a blank sample. Here the window
 * is the min..max of the finite values; NaN and -inf map to 0 and +inf to 255; an image without a
 * single finite value is refused.
 */
final class FloatRasters {
  private FloatRasters() {}

  static Raster toRaster(WritableRaster src, int w, int h) throws IOException {
    int bands = src.getNumBands();
    int out = bands >= 3 ? 3 : 1;
    double[][] v = new double[out][];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < out; b++) {
      v[b] = src.getSamples(0, 0, w, h, b, (double[]) null);
      for (double x : v[b]) {
        if (Double.isFinite(x)) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
    }
    if (min > max) {
      throw new IOException(
          "no finite pixel value: every pixel of the "
              + w
              + "x"
              + h
              + " floating-point image is NaN or infinite");
    }
    double scale = max > min ? 255.0 / (max - min) : 0;
    byte[] px = new byte[w * h * out];
    for (int b = 0; b < out; b++) {
      double[] band = v[b];
      for (int i = 0; i < band.length; i++) {
        double x = band[i];
        int q;
        if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
          q = 0;
        } else if (x == Double.POSITIVE_INFINITY) {
          q = 255;
        } else {
          q = (int) Math.round((x - min) * scale);
        }
        px[i * out + b] = (byte) q;
      }
    }
    return new Raster(w, h, out, px);
  }
}
