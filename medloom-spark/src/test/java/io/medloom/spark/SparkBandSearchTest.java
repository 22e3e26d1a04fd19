package io.medloom.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.store.Duplicates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The keyed band search, run as Spark would run it (each partition's records packed, grouped by
 * key, each group searched on its own) but without Spark, finds exactly the pairs a brute-force
 * comparison finds, each once.
 */
class SparkBandSearchTest {
  @Test
  void findsEveryPairWithinTheDistanceOnceAndNoOther() {
    Random rnd = new Random(11);
    List<long[]> hashes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      long[] h = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
      hashes.add(h);
      // Copies at every distance from 0 to 30 bits, so both sides of the limit are there, and
      // copies one bit apart in a band's high or low bits.
      if (i % 3 == 0) {
        hashes.add(flip(h, rnd, i % 31));
      }
      if (i % 7 == 0) {
        hashes.add(flip(h, rnd, 24));
        hashes.add(flip(h, rnd, 25));
      }
    }
    TreeSet<String> expected = new TreeSet<>();
    for (int i = 0; i < hashes.size(); i++) {
      for (int j = i + 1; j < hashes.size(); j++) {
        if (Duplicates.distance(hashes.get(i), hashes.get(j)) <= Duplicates.MAX_DISTANCE) {
          expected.add(i + "-" + j);
        }
      }
    }
    // Three input partitions, each packed on its own, then grouped by key as the shuffle does.
    Map<Long, List<long[]>> groups = new HashMap<>();
    for (int part = 0; part < 3; part++) {
      List<Tuple2<Long, long[]>> rows = new ArrayList<>();
      for (int i = part; i < hashes.size(); i += 3) {
        rows.add(new Tuple2<>((long) i, hashes.get(i)));
      }
      for (Iterator<Tuple2<Long, long[]>> it = SparkBandSearch.packed(rows.iterator());
          it.hasNext(); ) {
        Tuple2<Long, long[]> r = it.next();
        assertThat(r._2().length % SparkBandSearch.RECORD).isZero();
        groups.computeIfAbsent(r._1(), k -> new ArrayList<>()).add(r._2());
      }
    }
    List<String> found = new ArrayList<>();
    for (Map.Entry<Long, List<long[]>> g : groups.entrySet()) {
      Iterable<long[]> records = g.getValue();
      SparkBandSearch.pairs(new Tuple2<>(g.getKey(), records))
          .forEachRemaining(p -> found.add(p._1() + "-" + p._2()));
    }
    assertThat(expected).hasSizeGreaterThan(150);
    assertThat(found).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(found)).isEqualTo(expected);
  }

  private static long[] flip(long[] h, Random rnd, int bits) {
    long[] c = h.clone();
    TreeSet<Integer> chosen = new TreeSet<>();
    while (chosen.size() < bits) {
      chosen.add(rnd.nextInt(256));
    }
    for (int b : chosen) {
      c[b >>> 6] ^= 1L << (b & 63);
    }
    return c;
  }
}
