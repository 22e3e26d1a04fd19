package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalDuplicatesTest {
  /**
   * The sketch bound only rules out pairs the thumbnail check would refuse: for thumbnails at every
   * distance around the threshold, block sums never differ by more than the pixels do.
   */
  @Test
  void sketchDifferenceIsALowerBoundOfTheThumbnailDifference() {
    SplittableRandom rnd = new SplittableRandom(3);
    int agree = 0;
    for (int trial = 0; trial < 2000; trial++) {
      byte[] a = new byte[32 * 32];
      byte[] b = new byte[32 * 32];
      int noise = 1 + rnd.nextInt(12);
      for (int i = 0; i < a.length; i++) {
        int v = rnd.nextInt(256);
        a[i] = (byte) v;
        b[i] = (byte) Math.max(0, Math.min(255, v + rnd.nextInt(2 * noise + 1) - noise));
      }
      short[] s = new short[128];
      LocalDuplicates.sketch(a, s, 0);
      LocalDuplicates.sketch(b, s, 64);
      long sketchSum = 0;
      for (int k = 0; k < 64; k++) {
        sketchSum += Math.abs(s[k] - s[64 + k]);
      }
      long pixelSum = 0;
      for (int i = 0; i < a.length; i++) {
        pixelSum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
      }
      assertThat(sketchSum).isLessThanOrEqualTo(pixelSum);
      boolean confirmed =
          Duplicates.meanAbsoluteDifference(a, b) <= Duplicates.MAX_THUMBNAIL_DIFFERENCE;
      boolean kept = sketchSum <= Duplicates.MAX_THUMBNAIL_DIFFERENCE * 1024;
      if (confirmed) {
        assertThat(kept).isTrue();
        agree++;
      }
    }
    assertThat(agree).isPositive();
  }
}
