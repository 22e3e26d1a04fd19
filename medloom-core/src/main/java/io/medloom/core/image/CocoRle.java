package io.medloom.core.image;

import static io.medloom.core.Checks.checkArgument;

import java.util.Arrays;

/**
 * COCO run-length encoding of binary masks, the compressed string form that pycocotools writes.
 *
 * <p>Runs are counted in column-major (Fortran) order, starting with a run of zeros; each count is
 * written as 5-bit groups with a continuation bit, offset by 48 into printable ASCII, and counts
 * after the second are stored as the difference to the count two places before. Using the COCO form
 * means any COCO tool can decode our masks.
 */
public final class CocoRle {
  private CocoRle() {}

  /** Run lengths, column-major, first run = zeros. */
  public static long[] counts(BitMask mask) {
    int w = mask.width();
    int h = mask.height();
    long[] runs = new long[w * h + 1];
    int n = 0;
    boolean current = false;
    long run = 0;
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        boolean v = mask.get(x, y);
        if (v != current) {
          runs[n++] = run;
          run = 0;
          current = v;
        }
        run++;
      }
    }
    runs[n++] = run;
    return Arrays.copyOf(runs, n);
  }

  /** The compressed COCO string of a mask. */
  public static String encode(BitMask mask) {
    long[] cnts = counts(mask);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cnts.length; i++) {
      long x = cnts[i];
      if (i > 2) {
        x -= cnts[i - 2];
      }
      boolean more = true;
      while (more) {
        long c = x & 0x1f;
        x >>= 5;
        more = (c & 0x10) != 0 ? x != -1 : x != 0;
        if (more) {
          c |= 0x20;
        }
        sb.append((char) (c + 48));
      }
    }
    return sb.toString();
  }

  /** Decodes a compressed COCO string into a mask of the given size. */
  public static BitMask decode(String rle, int width, int height) {
    long[] cnts = new long[rle.length() + 1];
    int m = 0;
    int p = 0;
    while (p < rle.length()) {
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        checkArgument(p < rle.length(), "truncated RLE string: '%s'", rle);
        int c = rle.charAt(p) - 48;
        checkArgument(c >= 0 && c < 64, "invalid RLE character '%s'", rle.charAt(p));
        x |= (long) (c & 0x1f) << (5 * k);
        more = (c & 0x20) != 0;
        p++;
        k++;
        if (!more && (c & 0x10) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += cnts[m - 2];
      }
      cnts[m++] = x;
    }
    byte[] bits = new byte[width * height];
    long pos = 0;
    boolean value = false;
    for (int i = 0; i < m; i++) {
      checkArgument(cnts[i] >= 0, "negative RLE run %s at %s", cnts[i], i);
      checkArgument(
          pos + cnts[i] <= (long) width * height,
          "RLE runs exceed the %sx%s mask (%s pixels)",
          width,
          height,
          (long) width * height);
      if (value) {
        for (long q = pos; q < pos + cnts[i]; q++) {
          int x = (int) (q / height);
          int y = (int) (q % height);
          bits[y * width + x] = 1;
        }
      }
      pos += cnts[i];
      value = !value;
    }
    checkArgument(
        pos == (long) width * height,
        "RLE covers %s pixels but the mask is %sx%s",
        pos,
        width,
        height);
    return BitMask.wrap(width, height, bits);
  }
}
