package io.medloom.io.dicom.codec;

/**
 * Turns decoded component planes into interleaved pixels the way libjpeg does by default (and hence
 * DCMTK): chroma subsampled by two horizontally (and optionally vertically) is upsampled with the
 * triangle ("fancy") filter, other ratios by replication; YCbCr becomes RGB with the JFIF equations
 * in 16-bit fixed point.
 */
final class JpegColour {
  private static final int SCALEBITS = 16;
  private static final long ONE_HALF = 1L << (SCALEBITS - 1);

  private JpegColour() {}

  /** The component's plane at full image size. */
  static int[] upsample(JpegFrame f, JpegFrame.Component c, int[] plane, int stride) {
    int hr = f.hMax / c.h;
    int vr = f.vMax / c.v;
    int w = f.width;
    int h = f.height;
    int[] out = new int[w * h];
    if (hr == 1 && vr == 1) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(plane, y * stride, out, y * w, w);
      }
      return out;
    }
    int cw = c.width;
    int ch = c.height;
    int fullW = cw * hr;
    int[] row = new int[Math.max(fullW, w) + 2];
    for (int y = 0; y < h; y++) {
      int sy = y / vr;
      if (hr == 2 && vr == 1 && cw > 1) {
        h2v1(plane, sy * stride, cw, row);
      } else if (hr == 2 && vr == 2 && cw > 1) {
        int other = (y % 2 == 0) ? Math.max(0, sy - 1) : Math.min(ch - 1, sy + 1);
        h2v2(plane, sy * stride, other * stride, cw, row);
      } else {
        for (int x = 0; x < fullW; x++) {
          row[x] = plane[sy * stride + x / hr];
        }
      }
      System.arraycopy(row, 0, out, y * w, w);
    }
    return out;
  }

  private static void h2v1(int[] in, int p, int cw, int[] out) {
    int o = 0;
    int v = in[p];
    out[o++] = v;
    out[o++] = (v * 3 + in[p + 1] + 2) >> 2;
    for (int i = 1; i < cw - 1; i++) {
      v = in[p + i] * 3;
      out[o++] = (v + in[p + i - 1] + 1) >> 2;
      out[o++] = (v + in[p + i + 1] + 2) >> 2;
    }
    v = in[p + cw - 1];
    out[o++] = (v * 3 + in[p + cw - 2] + 1) >> 2;
    out[o] = v;
  }

  private static void h2v2(int[] in, int p0, int p1, int cw, int[] out) {
    int o = 0;
    int thisSum = in[p0] * 3 + in[p1];
    int nextSum = in[p0 + 1] * 3 + in[p1 + 1];
    out[o++] = (thisSum * 4 + 8) >> 4;
    out[o++] = (thisSum * 3 + nextSum + 7) >> 4;
    int lastSum = thisSum;
    thisSum = nextSum;
    for (int i = 2; i < cw; i++) {
      nextSum = in[p0 + i] * 3 + in[p1 + i];
      out[o++] = (thisSum * 3 + lastSum + 8) >> 4;
      out[o++] = (thisSum * 3 + nextSum + 7) >> 4;
      lastSum = thisSum;
      thisSum = nextSum;
    }
    out[o++] = (thisSum * 3 + lastSum + 8) >> 4;
    out[o] = (thisSum * 4 + 7) >> 4;
  }

  /** YCbCr planes (full size) to interleaved RGB, in place into {@code out}. */
  static void yccToRgb(int[] y, int[] cb, int[] cr, int precision, int[] out) {
    int center = 1 << (precision - 1);
    int max = (1 << precision) - 1;
    long fr = fix(1.40200);
    long fb = fix(1.77200);
    long fgr = fix(0.71414);
    long fgb = fix(0.34414);
    for (int i = 0; i < y.length; i++) {
      long b = cb[i] - center;
      long r = cr[i] - center;
      int yy = y[i];
      int rr = yy + (int) ((fr * r + ONE_HALF) >> SCALEBITS);
      int gg = yy + (int) ((-fgb * b + ONE_HALF - fgr * r) >> SCALEBITS);
      int bb = yy + (int) ((fb * b + ONE_HALF) >> SCALEBITS);
      out[3 * i] = clamp(rr, max);
      out[3 * i + 1] = clamp(gg, max);
      out[3 * i + 2] = clamp(bb, max);
    }
  }

  private static long fix(double x) {
    return (long) (x * (1L << SCALEBITS) + 0.5);
  }

  private static int clamp(int v, int max) {
    return v < 0 ? 0 : v > max ? max : v;
  }
}
