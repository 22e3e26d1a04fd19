package io.medloom.spark;

import io.medloom.store.Duplicates;
import io.medloom.store.NearPairSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * The near-duplicate hash search cut into Spark records keyed by (band, band value): the scheme of
 * {@link NearPairSearch} (13 bands of 19-20 bits; two hashes within 24 bits are at most one bit
 * apart in at least one band) spread so that no task sees more than one key's hashes.
 *
 * <p>A key is a band and the high bits of its value (all but the {@link #LOW_BITS} lowest), so the
 * neighbours one low bit away share the key and are probed inside the task. A neighbour one high
 * bit away lives under another key: each hash sends a probe record there, but only for the high
 * bits it has at 0, so a pair one high bit apart is found once, from the hash with the 0. A hash
 * thus makes 13 home records and about 6 probe records a band, 90 in all, where probing every bit
 * would make 273. Each pair is reported in the first band where it is at most one bit apart ({@link
 * NearPairSearch#firstCloseBand}), so once in all.
 */
final class SparkBandSearch {
  /** Value bits probed inside a task; the others choose the key. */
  static final int LOW_BITS = 14;

  /** Longs a record takes: row index, four hash words, probe value. */
  static final int RECORD = 6;

  /** A home record: the row's own band value, compared with the homes of the same key. */
  private static final long HOME = -1;

  private SparkBandSearch() {}

  /**
   * The records of one hashed row: per band a home under (band, value's high bits) and a probe
   * under each key one high 0-bit away. Record: row index, the four hash words, and the band value
   * the probe looks for ({@link #HOME} for a home).
   */
  static Iterator<Tuple2<Long, long[]>> records(long row, long[] hash) {
    List<Tuple2<Long, long[]>> out = new ArrayList<>(96);
    for (int band = 0; band < NearPairSearch.BANDS; band++) {
      int v = NearPairSearch.bandValue(hash, 0, band);
      out.add(new Tuple2<>(key(band, v), record(row, hash, HOME)));
      for (int b = LOW_BITS; b < NearPairSearch.width(band); b++) {
        if ((v & (1 << b)) == 0) {
          int probe = v | (1 << b);
          out.add(new Tuple2<>(key(band, probe), record(row, hash, probe)));
        }
      }
    }
    return out.iterator();
  }

  /**
   * The records of a partition's rows (row index, hash), packed: per key one array of its records
   * one after another, {@link #RECORD} longs each.
   */
  static Iterator<Tuple2<Long, long[]>> packed(Iterator<Tuple2<Long, long[]>> rows) {
    Map<Long, long[]> arrays = new HashMap<>();
    Map<Long, Integer> used = new HashMap<>();
    while (rows.hasNext()) {
      Tuple2<Long, long[]> row = rows.next();
      for (Iterator<Tuple2<Long, long[]>> it = records(row._1(), row._2()); it.hasNext(); ) {
        Tuple2<Long, long[]> r = it.next();
        long[] a = arrays.computeIfAbsent(r._1(), k -> new long[RECORD * 16]);
        int n = used.getOrDefault(r._1(), 0);
        if (n + RECORD > a.length) {
          a = java.util.Arrays.copyOf(a, a.length * 2);
          arrays.put(r._1(), a);
        }
        System.arraycopy(r._2(), 0, a, n, RECORD);
        used.put(r._1(), n + RECORD);
      }
    }
    List<Tuple2<Long, long[]>> out = new ArrayList<>(arrays.size());
    arrays.forEach((k, a) -> out.add(new Tuple2<>(k, java.util.Arrays.copyOf(a, used.get(k)))));
    return out.iterator();
  }

  static long key(int band, int value) {
    return (long) band << 32 | (value >>> LOW_BITS);
  }

  private static long[] record(long row, long[] h, long probe) {
    return new long[] {row, h[0], h[1], h[2], h[3], probe};
  }

  /**
   * The pairs (smaller row index, larger) within {@link Duplicates#MAX_DISTANCE} bits that the
   * records of one key find, each pair in one key of one band only. The records come as arrays of
   * one or more records each (see {@link #packed}).
   */
  static Iterator<Tuple2<Long, Long>> pairs(Tuple2<Long, Iterable<long[]>> group) {
    int band = (int) (group._1() >>> 32);
    Map<Integer, List<long[]>> homes = new HashMap<>();
    List<long[]> probes = new ArrayList<>();
    for (long[] packed : group._2()) {
      for (int at = 0; at < packed.length; at += RECORD) {
        long[] r = java.util.Arrays.copyOfRange(packed, at, at + RECORD);
        if (r[5] == HOME) {
          homes.computeIfAbsent(value(r, band), v -> new ArrayList<>()).add(r);
        } else {
          probes.add(r);
        }
      }
    }
    List<Tuple2<Long, Long>> out = new ArrayList<>();
    int low = Math.min(LOW_BITS, NearPairSearch.width(band));
    for (Map.Entry<Integer, List<long[]>> e : homes.entrySet()) {
      int v = e.getKey();
      for (long[] x : e.getValue()) {
        // The same value and the values one low bit away: both rows see the pair, the one with
        // the smaller index reports it.
        for (int b = -1; b < low; b++) {
          List<long[]> ys = homes.get(b < 0 ? v : v ^ (1 << b));
          if (ys == null) {
            continue;
          }
          for (long[] y : ys) {
            if (y[0] > x[0] && close(band, x, y)) {
              out.add(new Tuple2<>(x[0], y[0]));
            }
          }
        }
      }
    }
    for (long[] p : probes) {
      List<long[]> ys = homes.get((int) p[5]);
      if (ys == null) {
        continue;
      }
      for (long[] y : ys) {
        if (y[0] != p[0] && close(band, p, y)) {
          out.add(p[0] < y[0] ? new Tuple2<>(p[0], y[0]) : new Tuple2<>(y[0], p[0]));
        }
      }
    }
    return out.iterator();
  }

  private static int value(long[] r, int band) {
    return NearPairSearch.bandValue(new long[] {r[1], r[2], r[3], r[4]}, 0, band);
  }

  private static boolean close(int band, long[] x, long[] y) {
    int d = 0;
    for (int w = 1; w <= 4; w++) {
      d += Long.bitCount(x[w] ^ y[w]);
    }
    return d <= Duplicates.MAX_DISTANCE
        && NearPairSearch.firstCloseBand(
            band, new long[] {x[1], x[2], x[3], x[4]}, new long[] {y[1], y[2], y[3], y[4]});
  }
}
