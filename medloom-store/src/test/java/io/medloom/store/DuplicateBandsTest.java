package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The band join's promise: two hashes within MAX_DISTANCE bits always share a band. */
class DuplicateBandsTest {
  private static long[] flip(long[] h, int bits, SplittableRandom rnd) {
    long[] out = h.clone();
    java.util.Set<Integer> chosen = new java.util.HashSet<>();
    while (chosen.size() < bits) {
      chosen.add(rnd.nextInt(256));
    }
    for (int b : chosen) {
      out[b / 64] ^= 1L << (b % 64);
    }
    return out;
  }

  private static String array(long[] h) {
    return "[" + h[0] + ", " + h[1] + ", " + h[2] + ", " + h[3] + "]::BIGINT[]";
  }

  @Test
  void hashesWithinTheDistanceShareABandAndBandsAreDisjoint() throws Exception {
    SplittableRandom rnd = new SplittableRandom(7);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        var st = c.createStatement()) {
      // Every bit of the hash belongs to exactly one band: flipping bit i changes one band only.
      for (int bit = 0; bit < 256; bit++) {
        long[] a = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
        long[] b = a.clone();
        b[bit / 64] ^= 1L << (bit % 64);
        assertThat(differingBands(st, a, b)).as("bit %d", bit).isEqualTo(1);
      }
      // Worst cases: exactly MAX_DISTANCE flipped bits, spread at random, many times.
      for (int k = 0; k < 300; k++) {
        long[] a = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
        long[] b = flip(a, Duplicates.MAX_DISTANCE, rnd);
        assertThat(differingBands(st, a, b)).isLessThan(Duplicates.BANDS);
      }
    }
  }

  private static int differingBands(java.sql.Statement st, long[] a, long[] b) throws Exception {
    String sql =
        "SELECT count(*) FILTER (WHERE va <> vb) FROM (SELECT band,"
            + " (SELECT "
            + Duplicates.BAND_VALUE
            + " FROM (SELECT "
            + array(a)
            + " AS phash)) AS va,"
            + " (SELECT "
            + Duplicates.BAND_VALUE
            + " FROM (SELECT "
            + array(b)
            + " AS phash)) AS vb"
            + " FROM range("
            + Duplicates.BANDS
            + ") t(band))";
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
