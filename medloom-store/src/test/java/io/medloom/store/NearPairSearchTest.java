package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearPairSearchTest {
  /** Random hashes, and copies of some of them with 0 to 30 random bits flipped. */
  private static long[] hashes(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] flat = new long[n * 4];
    for (int i = 0; i < n; i++) {
      if (i > 0 && rnd.nextInt(3) == 0) {
        int from = rnd.nextInt(i);
        System.arraycopy(flat, from * 4, flat, i * 4, 4);
        int flips = rnd.nextInt(31);
        for (int f = 0; f < flips; f++) {
          int bit = rnd.nextInt(256);
          flat[i * 4 + bit / 64] ^= 1L << (bit % 64);
        }
      } else {
        for (int w = 0; w < 4; w++) {
          flat[i * 4 + w] = rnd.nextLong();
        }
      }
    }
    return flat;
  }

  private static List<Long> bruteForce(long[] flat, int max) {
    int n = flat.length / 4;
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int d = 0;
        for (int w = 0; w < 4; w++) {
          d += Long.bitCount(flat[i * 4 + w] ^ flat[j * 4 + w]);
        }
        if (d <= max) {
          out.add((long) i << 32 | j);
        }
      }
    }
    return out;
  }

  @Test
  void findsExactlyThePairsWithinTheDistance() {
    for (long seed = 1; seed <= 5; seed++) {
      long[] flat = hashes(1500, seed);
      List<Long> expected = bruteForce(flat, Duplicates.MAX_DISTANCE);
      long[] found = NearPairSearch.find(flat, Duplicates.MAX_DISTANCE);
      assertThat(expected).hasSizeGreaterThan(100); // pairs at 0..24 bits, and 25..30 left out
      assertThat(found).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
    }
  }

  @Test
  void bandsCoverEveryBitOnce() {
    long[] one = new long[4];
    for (int bit = 0; bit < 256; bit++) {
      java.util.Arrays.fill(one, 0);
      one[bit / 64] = 1L << (bit % 64);
      int bandsSet = 0;
      for (int k = 0; k < NearPairSearch.BANDS; k++) {
        int v = NearPairSearch.bandValue(one, 0, k);
        if (v != 0) {
          bandsSet++;
          assertThat(Integer.bitCount(v)).isEqualTo(1);
        }
      }
      assertThat(bandsSet).as("bit %s", bit).isEqualTo(1);
    }
  }

  @Test
  void aFilterSeesEachPairOnceAndOnlyTheKeptPairsAreReturned() {
    long[] flat = hashes(1500, 11);
    List<Long> expected = bruteForce(flat, Duplicates.MAX_DISTANCE);
    java.util.Map<Long, Integer> offered = new java.util.concurrent.ConcurrentHashMap<>();
    long[] kept =
        NearPairSearch.find(
            flat,
            Duplicates.MAX_DISTANCE,
            (i, j) -> {
              offered.merge((long) i << 32 | j, 1, Integer::sum);
              return (i + j) % 3 == 0;
            });
    assertThat(offered.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(offered.values()).containsOnly(1);
    assertThat(kept)
        .containsExactly(
            expected.stream()
                .filter(p -> ((p >>> 32) + (p & 0xffffffffL)) % 3 == 0)
                .mapToLong(Long::longValue)
                .toArray());
  }

  @Test
  void refusesADistanceTheBandsCannotGuarantee() {
    assertThatThrownBy(() -> NearPairSearch.find(new long[8], 26))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
