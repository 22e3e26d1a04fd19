package io.medloom.io.dicom.codec;

/**
 * The inverse DCT in scaled integer arithmetic of the Loeffler-Ligtenberg-Moschytz kind (13-bit
 * constants, two passes), the "slow integer" method that libjpeg and therefore DCMTK use by
 * default. Using the same arithmetic matters: a lossy decode is compared with DCMTK's to within one
 * grey level, and rounding differently in a float IDCT and again in colour conversion can exceed
 * that. Long arithmetic keeps 12-bit coefficients from overflowing.
 */
final class JpegIdct {
  private static final int CONST_BITS = 13;
  private static final long F0298 = 2446;
  private static final long F0390 = 3196;
  private static final long F0541 = 4433;
  private static final long F0765 = 6270;
  private static final long F0899 = 7373;
  private static final long F1175 = 9633;
  private static final long F1501 = 12299;
  private static final long F1847 = 15137;
  private static final long F1961 = 16069;
  private static final long F2053 = 16819;
  private static final long F2562 = 20995;
  private static final long F3072 = 25172;

  private JpegIdct() {}

  /**
   * Transforms the natural-order coefficients at {@code in[off..off+63]} (already dequantized) into
   * samples written at {@code out[outOff + y*stride + x]}, level-shifted and clamped.
   */
  static void inverse(int[] in, int off, int precision, int[] out, int outOff, int stride) {
    inverse(in, off, precision, out, outOff, stride, new long[64], new long[8]);
  }

  /** As above with caller-owned work arrays (64 and 8 longs), so a frame allocates them once. */
  static void inverse(
      int[] in, int off, int precision, int[] out, int outOff, int stride, long[] ws, long[] t) {
    int pass1 = precision <= 8 ? 2 : 1;
    int center = 1 << (precision - 1);
    int max = (1 << precision) - 1;
    for (int col = 0; col < 8; col++) {
      long c0 = in[off + col];
      long c1 = in[off + 8 + col];
      long c2 = in[off + 16 + col];
      long c3 = in[off + 24 + col];
      long c4 = in[off + 32 + col];
      long c5 = in[off + 40 + col];
      long c6 = in[off + 48 + col];
      long c7 = in[off + 56 + col];
      if ((c1 | c2 | c3 | c4 | c5 | c6 | c7) == 0) {
        long dc = c0 << pass1;
        for (int r = 0; r < 8; r++) {
          ws[r * 8 + col] = dc;
        }
        continue;
      }
      butterfly(c0, c1, c2, c3, c4, c5, c6, c7, t);
      int shift = CONST_BITS - pass1;
      for (int r = 0; r < 8; r++) {
        ws[r * 8 + col] = descale(t[r], shift);
      }
    }
    int shift = CONST_BITS + pass1 + 3;
    for (int row = 0; row < 8; row++) {
      int w = row * 8;
      butterfly(
          ws[w], ws[w + 1], ws[w + 2], ws[w + 3], ws[w + 4], ws[w + 5], ws[w + 6], ws[w + 7], t);
      int o = outOff + row * stride;
      for (int x = 0; x < 8; x++) {
        long v = descale(t[x], shift) + center;
        out[o + x] = (int) (v < 0 ? 0 : v > max ? max : v);
      }
    }
  }

  /** One 8-point pass; writes the eight outputs before descaling into {@code t}. */
  private static void butterfly(
      long c0, long c1, long c2, long c3, long c4, long c5, long c6, long c7, long[] t) {
    long z1 = (c2 + c6) * F0541;
    long tmp2 = z1 - c6 * F1847;
    long tmp3 = z1 + c2 * F0765;
    long tmp0 = (c0 + c4) << CONST_BITS;
    long tmp1 = (c0 - c4) << CONST_BITS;
    long tmp10 = tmp0 + tmp3;
    long tmp13 = tmp0 - tmp3;
    long tmp11 = tmp1 + tmp2;
    long tmp12 = tmp1 - tmp2;

    long o0 = c7;
    long o1 = c5;
    long o2 = c3;
    long o3 = c1;
    z1 = o0 + o3;
    long z2 = o1 + o2;
    long z3 = o0 + o2;
    long z4 = o1 + o3;
    long z5 = (z3 + z4) * F1175;
    o0 *= F0298;
    o1 *= F2053;
    o2 *= F3072;
    o3 *= F1501;
    z1 *= -F0899;
    z2 *= -F2562;
    z3 *= -F1961;
    z4 *= -F0390;
    z3 += z5;
    z4 += z5;
    o0 += z1 + z3;
    o1 += z2 + z4;
    o2 += z2 + z3;
    o3 += z1 + z4;
    t[0] = tmp10 + o3;
    t[1] = tmp11 + o2;
    t[2] = tmp12 + o1;
    t[3] = tmp13 + o0;
    t[4] = tmp13 - o0;
    t[5] = tmp12 - o1;
    t[6] = tmp11 - o2;
    t[7] = tmp10 - o3;
  }

  private static long descale(long x, int n) {
    return (x + (1L << (n - 1))) >> n;
  }
}
