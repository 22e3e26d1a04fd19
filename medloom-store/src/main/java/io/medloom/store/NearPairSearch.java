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
public final class NearPairSearch {
  public static final int BANDS = 13;

  private static final long[][] MASKS = masks();

  private NearPairSearch() {}

  /** Bits in band {@code band}: 20 for the first nine bands, 19 for the last four (256 in all). */
  public static int width(int band) {
    return band < 9 ? 20 : 19;
  }

  /**
   * The value of band {@code band} of row {@code row}: hash bits band, band + 13, band + 26, ...
   * (bit b of word w is bit 64 w + b). Interleaved rather than contiguous because neighbouring bits
   * are the DCT's neighbouring frequencies: the lowest ones have the same sign in most films of one
   * kind, so a band made of them alone crowds a few buckets (measured on 100,000 chest films: three
   * times the comparisons of interleaved bands).
   */
  public static int bandValue(long[] flat, int row, int band) {
    int v = 0;
    int width = width(band);
    for (int b = 0; b < width; b++) {
      int bit = band + BANDS * b;
      v |= (int) ((flat[row * 4 + (bit >>> 6)] >>> (bit & 63)) & 1) << b;
    }
    return v;
  }

  /** Decides whether a pair of rows within the distance is kept (called from several threads). */
  @FunctionalInterface
  interface PairFilter {
    boolean keep(int i, int j);

    /** True when the search may stop early (what it returns is then incomplete). */
    default boolean stopped() {
      return false;
    }

    PairFilter ALL = (i, j) -> true;
  }

  /**
   * Pairs (i, j), i < j, of rows whose hashes are within {@code maxDistance} bits, each as {@code
   * (long) i << 32 | j}, sorted and distinct.
   *
   * @param flat four words per row: row r's hash is {@code flat[4r .. 4r + 3]}
   */
  static long[] find(long[] flat, int maxDistance) {
    return find(flat, maxDistance, PairFilter.ALL);
  }

  /**
   * As {@link #find(long[], int)}, keeping only the pairs {@code filter} keeps. Each pair is
   * offered to the filter once, in the first band where the two hashes are at most one bit apart (a
   * later band that also finds it skips it), so the filter can be a costly check run as pairs are
   * found, and the pairs it drops are never held: memory grows with the pairs kept, not with the
   * pairs within the distance (which grow with n^2 on look-alike films). Bands are searched in
   * parallel on the common fork-join pool, each with its own tables.
   */
  static long[] find(long[] flat, int maxDistance, PairFilter filter) {
    if (maxDistance >= 2 * BANDS) {
      throw new IllegalArgumentException(
          "a distance of " + maxDistance + " needs more than " + BANDS + " bands");
    }
    long[][] masks = masks();
    long[][] perBand =
        java.util.stream.IntStream.range(0, BANDS)
            .parallel()
            .mapToObj(k -> searchBand(flat, maxDistance, filter, masks, k))
            .toArray(long[][]::new);
    int total = 0;
    for (long[] b : perBand) {
      total += b.length;
    }
    long[] out = new long[total];
    int at = 0;
    for (long[] b : perBand) {
      System.arraycopy(b, 0, out, at, b.length);
      at += b.length;
    }
    Arrays.sort(out);
    return out;
  }

  /** The bits of each band as four masks, one per word. */
  static long[][] masks() {
    long[][] masks = new long[BANDS][4];
    for (int k = 0; k < BANDS; k++) {
      for (int b = 0; b < width(k); b++) {
        int bit = k + BANDS * b;
        masks[k][bit >>> 6] |= 1L << (bit & 63);
      }
    }
    return masks;
  }

  /** The pairs band {@code k} finds first (no earlier band has them at most one bit apart). */
  private static long[] searchBand(
      long[] flat, int maxDistance, PairFilter filter, long[][] masks, int k) {
    int n = flat.length / 4;
    long[] out = new long[16];
    int count = 0;
    int[] values = new int[n];
    int[] order = new int[n];
    // The hashes again in bucket order, so a bucket's hashes are compared from one run of memory
    // rather than from rows all over the table (a cache miss each: most of the time at a million).
    long[] sorted = new long[flat.length];
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
      if ((i & 1023) == 0 && filter.stopped()) {
        break;
      }
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
          long x0 = h0 ^ sorted[q];
          long x1 = h1 ^ sorted[q + 1];
          long x2 = h2 ^ sorted[q + 2];
          long x3 = h3 ^ sorted[q + 3];
          if (j > i
              && Long.bitCount(x0) + Long.bitCount(x1) + Long.bitCount(x2) + Long.bitCount(x3)
                  <= maxDistance
              && !foundEarlier(masks, k, x0, x1, x2, x3)
              && filter.keep(i, j)) {
            if (count == out.length) {
              out = Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = (long) i << 32 | j;
          }
        }
      }
    }
    return Arrays.copyOf(out, count);
  }

  /**
   * Whether band {@code k} is the first band in which hashes {@code a} and {@code b} (four words
   * each) are at most one bit apart, the one band in which a search that probes one bit around
   * should report the pair, so that it is reported once.
   */
  public static boolean firstCloseBand(int k, long[] a, long[] b) {
    return !foundEarlier(MASKS, k, a[0] ^ b[0], a[1] ^ b[1], a[2] ^ b[2], a[3] ^ b[3]);
  }

  /** Whether a band before {@code k} has the pair (differing bits x) at most one bit apart. */
  private static boolean foundEarlier(long[][] masks, int k, long x0, long x1, long x2, long x3) {
    for (int e = 0; e < k; e++) {
      long[] m = masks[e];
      if (Long.bitCount(x0 & m[0])
              + Long.bitCount(x1 & m[1])
              + Long.bitCount(x2 & m[2])
              + Long.bitCount(x3 & m[3])
          <= 1) {
        return true;
      }
    }
    return false;
  }
}
