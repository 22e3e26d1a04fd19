package io.medloom.core.transform;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.image.Resampler;
import java.util.ArrayList;
import java.util.List;

/**
 * Geometric operations on an image and its masks together: the image resampled (antialiased
 * bilinear for resizing, bilinear for rotation), masks nearest-neighbour, outside pixels black.
 */
public final class Geometry {
  private Geometry() {}

  /** Resizes image and masks to {@code width x height}. */
  public static Keyed resize(Keyed in, int width, int height) {
    Raster img = in.image();
    if (img.width() == width && img.height() == height) {
      return in;
    }
    List<BitMask> masks = new ArrayList<>();
    for (BitMask m : in.masks()) {
      masks.add(resizeNearest(m, width, height));
    }
    return new Keyed(Resampler.resize(img, width, height), masks);
  }

  /** The region {@code [x0, x0+w) x [y0, y0+h)}, which must lie inside the image. */
  public static Keyed crop(Keyed in, int x0, int y0, int w, int h) {
    Raster img = in.image();
    checkArgument(
        x0 >= 0 && y0 >= 0 && w > 0 && h > 0 && x0 + w <= img.width() && y0 + h <= img.height(),
        "crop %s,%s %sx%s outside %sx%s",
        x0,
        y0,
        w,
        h,
        img.width(),
        img.height());
    int ch = img.channels();
    byte[] out = new byte[w * h * ch];
    for (int y = 0; y < h; y++) {
      System.arraycopy(img.pixels(), ((y0 + y) * img.width() + x0) * ch, out, y * w * ch, w * ch);
    }
    List<BitMask> masks = new ArrayList<>();
    for (BitMask m : in.masks()) {
      byte[] bits = new byte[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          bits[y * w + x] = (byte) (m.get(x0 + x, y0 + y) ? 1 : 0);
        }
      }
      masks.add(BitMask.wrap(w, h, bits));
    }
    return new Keyed(new Raster(w, h, ch, out), masks);
  }

  /** Mirrors left and right. */
  public static Keyed flipHorizontal(Keyed in) {
    Raster img = in.image();
    int w = img.width();
    int ch = img.channels();
    byte[] src = img.pixels();
    byte[] out = new byte[src.length];
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(src, (y * w + x) * ch, out, (y * w + (w - 1 - x)) * ch, ch);
      }
    }
    List<BitMask> masks = new ArrayList<>();
    for (BitMask m : in.masks()) {
      byte[] bits = new byte[w * m.height()];
      for (int y = 0; y < m.height(); y++) {
        for (int x = 0; x < w; x++) {
          bits[y * w + (w - 1 - x)] = (byte) (m.get(x, y) ? 1 : 0);
        }
      }
      masks.add(BitMask.wrap(w, m.height(), bits));
    }
    return new Keyed(new Raster(w, img.height(), ch, out), masks);
  }

  /**
   * Rotates by {@code degrees} (counter-clockwise as seen on screen) about the centre, keeping the
   * size; corners that come from outside the image are black, masks there are empty.
   */
  public static Keyed rotate(Keyed in, double degrees) {
    if (degrees == 0) {
      return in;
    }
    Raster img = in.image();
    int w = img.width();
    int h = img.height();
    int ch = img.channels();
    double rad = Math.toRadians(degrees);
    double cos = Math.cos(rad);
    double sin = Math.sin(rad);
    double cx = w / 2.0;
    double cy = h / 2.0;
    byte[] src = img.pixels();
    byte[] out = new byte[src.length];
    List<byte[]> maskOut = new ArrayList<>();
    for (int i = 0; i < in.masks().size(); i++) {
      maskOut.add(new byte[w * h]);
    }
    int nm = maskOut.size();
    for (int y = 0; y < h; y++) {
      // Inverse map: the source point that lands on each pixel's centre (y grows downwards),
      // stepped along the row instead of recomputed.
      double dy = y + 0.5 - cy;
      double sx = cos * (0.5 - cx) - sin * dy + cx - 0.5;
      double sy = sin * (0.5 - cx) + cos * dy + cy - 0.5;
      for (int x = 0; x < w; x++, sx += cos, sy += sin) {
        int o = (y * w + x) * ch;
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
          // Inside: 8-bit fixed-point bilinear weights.
          int fx = (int) ((sx - x0) * 256);
          int fy = (int) ((sy - y0) * 256);
          int p00 = (y0 * w + x0) * ch;
          int p10 = p00 + ch;
          int p01 = p00 + w * ch;
          int p11 = p01 + ch;
          for (int c = 0; c < ch; c++) {
            int top = (src[p00 + c] & 0xff) * (256 - fx) + (src[p10 + c] & 0xff) * fx;
            int bottom = (src[p01 + c] & 0xff) * (256 - fx) + (src[p11 + c] & 0xff) * fx;
            out[o + c] = (byte) ((top * (256 - fy) + bottom * fy + 32768) >> 16);
          }
        } else {
          bilinear(src, w, h, ch, sx, sy, out, o);
        }
        if (nm > 0) {
          int nx = (int) Math.floor(sx + 0.5);
          int ny = (int) Math.floor(sy + 0.5);
          if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
            for (int i = 0; i < nm; i++) {
              maskOut.get(i)[y * w + x] = (byte) (in.masks().get(i).get(nx, ny) ? 1 : 0);
            }
          }
        }
      }
    }
    List<BitMask> masks = new ArrayList<>();
    for (byte[] m : maskOut) {
      masks.add(BitMask.wrap(w, h, m));
    }
    return new Keyed(new Raster(w, h, ch, out), masks);
  }

  private static void bilinear(
      byte[] src, int w, int h, int ch, double sx, double sy, byte[] out, int o) {
    int x0 = (int) Math.floor(sx);
    int y0 = (int) Math.floor(sy);
    double fx = sx - x0;
    double fy = sy - y0;
    for (int c = 0; c < ch; c++) {
      double v =
          (1 - fy)
                  * ((1 - fx) * at(src, w, h, ch, x0, y0, c)
                      + fx * at(src, w, h, ch, x0 + 1, y0, c))
              + fy
                  * ((1 - fx) * at(src, w, h, ch, x0, y0 + 1, c)
                      + fx * at(src, w, h, ch, x0 + 1, y0 + 1, c));
      out[o + c] = (byte) Math.min(255, Math.max(0, Math.round(v)));
    }
  }

  private static int at(byte[] src, int w, int h, int ch, int x, int y, int c) {
    if (x < 0 || y < 0 || x >= w || y >= h) {
      return 0;
    }
    return src[(y * w + x) * ch + c] & 0xff;
  }

  private static BitMask resizeNearest(BitMask m, int width, int height) {
    byte[] out = new byte[width * height];
    for (int y = 0; y < height; y++) {
      int sy = Math.min(m.height() - 1, (int) ((y + 0.5) * m.height() / height));
      for (int x = 0; x < width; x++) {
        int sx = Math.min(m.width() - 1, (int) ((x + 0.5) * m.width() / width));
        out[y * width + x] = (byte) (m.get(sx, sy) ? 1 : 0);
      }
    }
    return BitMask.wrap(width, height, out);
  }
}
