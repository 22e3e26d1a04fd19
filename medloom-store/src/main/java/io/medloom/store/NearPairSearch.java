package io.medloom.store;

import java.util.Arrays;

/**
 * All pairs of 256-bit perceptual hashes within a Hamming distance, found without comparing most
 * pairs, in memory proportional to the number of rows.
 *
 * <p>The hash is cut into 13 disjoint bands of 19 or 20 bits. Two hashes within 24 bits differ in
 * at most one bit in at least one band (were every band two bits or more apart, they would differ
 * in 26 or more), so every such pair is found by looking each hash's band value up in a table of
 * that band, together with the 19 or 20 values one bit away. With 2^20 buckets a band's bucket
 * holds about n / 2^20 hashes, so the search compares about 13 x 21 x n^2 / 2^20 pairs: at a
 * million rows about 270 million instead of the 12 billion that 25 bands of 10 bits (which must
 * agree exactly) compare, and each band's table is two int arrays (counting sort), no join. Recall
 * within the distance is exact, as with the 25-band join, so any engine that finds every pair
 * within the distance (Spark's band join does) finds the same pairs.
 */
final class NearPairSearch {
  static final int BANDS = 13;
  private static final int[] START = new int[BANDS + 1];

  static {
    // Nine bands of 20 bits, four of 19: 256 bits, none left out.
    for (int k = 0; k < BANDS; k++) {
      START[k + 1] = START[k] + (k < 9 ? 20 : 19);
    }
    if (START[BANDS] != 256) {
      throw new IllegalStateException("bands must cover the 256-bit hash");
    }
  }

  private NearPairSearch() {}

  /** Bits [start, start + width) of the hash (bit b of word w is bit 64 w + b), width <= 32. */
  static int bandValue(long[] flat, int row, int start, int width) {
    int word = start >>> 6;
    int off = start & 63;
    long v = flat[row * 4 + word] >>> off;
    if (off + width > 64) {
      v |= flat[row * 4 + word + 1] << (64 - off);
    }
    return (int) (v & ((1L << width) - 1));
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
    for (int k = 0; k < BANDS; k++) {
      int start = START[k];
      int width = START[k + 1] - start;
      int[] bucket = new int[(1 << width) + 1];
      for (int i = 0; i < n; i++) {
        values[i] = bandValue(flat, i, start, width);
        bucket[values[i] + 1]++;
      }
      for (int v = 0; v < (1 << width); v++) {
        bucket[v + 1] += bucket[v];
      }
      int[] fill = Arrays.copyOf(bucket, bucket.length - 1);
      for (int i = 0; i < n; i++) {
        order[fill[values[i]]++] = i;
      }
      for (int i = 0; i < n; i++) {
        int v = values[i];
        for (int b = -1; b < width; b++) {
          int probe = b < 0 ? v : v ^ (1 << b);
          for (int p = bucket[probe]; p < bucket[probe + 1]; p++) {
            int j = order[p];
            if (j > i && distance(flat, i, j) <= maxDistance) {
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

  private static int distance(long[] flat, int i, int j) {
    int a = i * 4;
    int b = j * 4;
    return Long.bitCount(flat[a] ^ flat[b])
        + Long.bitCount(flat[a + 1] ^ flat[b + 1])
        + Long.bitCount(flat[a + 2] ^ flat[b + 2])
        + Long.bitCount(flat[a + 3] ^ flat[b + 3]);
  }
}
