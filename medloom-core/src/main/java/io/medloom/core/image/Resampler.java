package io.medloom.core.image;

import static io.medloom.core.Checks.checkArgument;

/**
 * Separable, antialiased resampling with a triangle (bilinear) kernel whose support widens with the
 * reduction factor, the way Pillow's {@code resize(BILINEAR)} filters: every source pixel under an
 * output pixel's footprint contributes, so downscaling does not alias (plain Graphics2D bilinear
 * skips pixels). Weights are fixed-point integers, computed once per axis.
 */
public final class Resampler {
  private static final int PRECISION_BITS = 14;
  private static final int ONE = 1 << PRECISION_BITS;

  private Resampler() {}

  /** Resizes to {@code outWidth x outHeight}, keeping the channel count. */
  public static Raster resize(Raster src, int outWidth, int outHeight) {
    checkArgument(
        outWidth > 0 && outHeight > 0, "target size must be positive: %sx%s", outWidth, outHeight);
    if (outWidth == src.width() && outHeight == src.height()) {
      return src;
    }
    int ch = src.channels();
    Kernel kx = Kernel.of(src.width(), outWidth);
    Kernel ky = Kernel.of(src.height(), outHeight);
    // Horizontal pass over every source row, then vertical; 8-bit rounding in between, as Pillow.
    byte[] tmp = new byte[outWidth * src.height() * ch];
    byte[] in = src.pixels();
    int inStride = src.width() * ch;
    int tmpStride = outWidth * ch;
    for (int y = 0; y < src.height(); y++) {
      int rowIn = y * inStride;
      int rowOut = y * tmpStride;
      for (int x = 0; x < outWidth; x++) {
        int start = kx.start[x];
        int n = kx.count[x];
        int wOff = kx.offset[x];
        for (int c = 0; c < ch; c++) {
          int acc = ONE >> 1;
          int p = rowIn + start * ch + c;
          for (int k = 0; k < n; k++, p += ch) {
            acc += (in[p] & 0xff) * kx.weights[wOff + k];
          }
          tmp[rowOut + x * ch + c] = clamp(acc >> PRECISION_BITS);
        }
      }
    }
    byte[] out = new byte[outWidth * outHeight * ch];
    int[] acc = new int[tmpStride];
    for (int y = 0; y < outHeight; y++) {
      java.util.Arrays.fill(acc, ONE >> 1);
      int start = ky.start[y];
      int n = ky.count[y];
      int wOff = ky.offset[y];
      for (int k = 0; k < n; k++) {
        int w = ky.weights[wOff + k];
        int row = (start + k) * tmpStride;
        for (int i = 0; i < tmpStride; i++) {
          acc[i] += (tmp[row + i] & 0xff) * w;
        }
      }
      int rowOut = y * tmpStride;
      for (int i = 0; i < tmpStride; i++) {
        out[rowOut + i] = clamp(acc[i] >> PRECISION_BITS);
      }
    }
    return new Raster(outWidth, outHeight, ch, out);
  }

  private static byte clamp(int v) {
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }

  /** Per-output-pixel source ranges and normalized fixed-point weights for one axis. */
  private record Kernel(int[] start, int[] count, int[] offset, int[] weights) {
    static Kernel of(int inSize, int outSize) {
      double scale = inSize / (double) outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filterScale; // triangle kernel has radius 1, widened by the reduction
      int maxTaps = (int) Math.ceil(support) * 2 + 1;
      int[] start = new int[outSize];
      int[] count = new int[outSize];
      int[] offset = new int[outSize];
      int[] weights = new int[outSize * maxTaps];
      double[] w = new double[maxTaps];
      for (int i = 0; i < outSize; i++) {
        double center = (i + 0.5) * scale;
        int lo = Math.max(0, (int) (center - support + 0.5));
        int hi = Math.min(inSize, (int) (center + support + 0.5));
        double sum = 0;
        int n = 0;
        for (int j = lo; j < hi && n < maxTaps; j++, n++) {
          double d = Math.abs((j + 0.5 - center) / filterScale);
          w[n] = d < 1 ? 1 - d : 0;
          sum += w[n];
        }
        if (sum == 0) { // degenerate footprint: take the nearest pixel
          lo = Math.min(inSize - 1, (int) center);
          n = 1;
          w[0] = 1;
          sum = 1;
        }
        start[i] = lo;
        count[i] = n;
        offset[i] = i * maxTaps;
        int total = 0;
        for (int k = 0; k < n; k++) {
          int q = (int) Math.round(w[k] / sum * ONE);
          weights[i * maxTaps + k] = q;
          total += q;
        }
        // Put the rounding remainder on the central tap so flat regions stay exactly flat.
        weights[i * maxTaps + n / 2] += ONE - total;
      }
      return new Kernel(start, count, offset, weights);
    }
  }
}
