package io.medloom.store;

import java.util.Arrays;

/**
 * All pairs of 256-bit perceptual hashes within a Hamming distance, found without comparing most
 * pairs, in memory proportional to the number of rows.
 *
 * <p>The hash is cut into 13 disjoint bands of 19 or 20 bits (interleaved, see {@link #bandValue}).
 * Two hashes within 24 bits differ in at most one bit in at least one band (were every band two
 * bits or more apart, they would differ in 26 or more), so every such pair is found by looking each
 * hash's band value up in a table of that band, together with the 19 or 20 values one bit away.
 * With 2^20 buckets a band's bucket holds about n / 2^20 hashes, so the search compares about 13 x
 * 21 x n^2 / 2^20 pairs: at a million rows about 270 million instead of the 12 billion that 25
 * bands of 10 bits (which must agree exactly) compare, and each band's table is two int arrays
 * (counting sort), no join. Recall within the distance is exact, as with the 25-band join, so any
 * engine that finds every pair within the distance (Spark's band join does) finds the same pairs.
 */
final class NearPairSearch {
  static final int BANDS = 13;

  private NearPairSearch() {}

  /** Bits in band {@code band}: 20 for the first nine bands, 19 for the last four (256 in all). */
  static int width(int band) {
    return band < 9 ? 20 : 19;
  }

  /**
   * The value of band {@code band} of row {@code row}: hash bits band, band + 13, band + 26, ...
   * (bit b of word w is bit 64 w + b). Interleaved rather than contiguous because neighbouring bits
   * are the DCT's neighbouring frequencies: the lowest ones have the same sign in most films of one
   * kind, so a band made of them alone crowds a few buckets (measured on 100,000 chest films: three
   * times the comparisons of interleaved bands).
   */
  static int bandValue(long[] flat, int row, int band) {
    int v = 0;
    int width = width(band);
    for (int b = 0; b < width; b++) {
      int bit = band + BANDS * b;
      v |= (int) ((flat[row * 4 + (bit >>> 6)] >>> (bit & 63)) & 1) << b;
    }
    return v;
  }

  /**
   * Pairs (i, j), i < j, of rows whose hashes are within {@code maxDistance} bits, each as {@code
   * (long) i << 32 | j}, sorted and distinct.
   *
   * @param flat four words per row: row r's hash is {@code flat[4r .. 4r + 3]}
   */
  static long[] find(long[] flat, int maxDistance) {
    if (maxDistance >= 2 * BANDS) {
      throw new IllegalArgumentException(
          "a distance of " + maxDistance + " needs more than " + BANDS + " bands");
    }
    int n = flat.length / 4;
    long[] out = new long[16];
    int count = 0;
    int[] values = new int[n];
    int[] order = new int[n];
    // The hashes again in bucket order, so a bucket's hashes are compared from one run of memory
    // rather than from rows all over the table (a cache miss each: most of the time at a million).
    long[] sorted = new long[flat.length];
    for (int k = 0; k < BANDS; k++) {
      int width = width(k);
      int[] bucket = new int[(1 << width) + 1];
      for (int i = 0; i < n; i++) {
        values[i] = bandValue(flat, i, k);
        bucket[values[i] + 1]++;
      }
      for (int v = 0; v < (1 << width); v++) {
        bucket[v + 1] += bucket[v];
      }
      int[] fill = Arrays.copyOf(bucket, bucket.length - 1);
      for (int i = 0; i < n; i++) {
        int p = fill[values[i]]++;
        order[p] = i;
        System.arraycopy(flat, i * 4, sorted, p * 4, 4);
      }
      for (int i = 0; i < n; i++) {
        int v = values[i];
        long h0 = flat[i * 4];
        long h1 = flat[i * 4 + 1];
        long h2 = flat[i * 4 + 2];
        long h3 = flat[i * 4 + 3];
        for (int b = -1; b < width; b++) {
          int probe = b < 0 ? v : v ^ (1 << b);
          for (int p = bucket[probe]; p < bucket[probe + 1]; p++) {
            int j = order[p];
            int q = p * 4;
            if (j > i
                && Long.bitCount(h0 ^ sorted[q])
                        + Long.bitCount(h1 ^ sorted[q + 1])
                        + Long.bitCount(h2 ^ sorted[q + 2])
                        + Long.bitCount(h3 ^ sorted[q + 3])
                    <= maxDistance) {
              if (count == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
              }
              out[count++] = (long) i << 32 | j;
            }
          }
        }
      }
    }
    Arrays.sort(out, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || out[i] != out[i - 1]) {
        out[distinct++] = out[i];
      }
    }
    return Arrays.copyOf(out, distinct);
  }
}
