package io.medloom.store.build;

import io.medloom.store.ParquetShardWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds exact duplicates (same content hash) and near duplicates (dHash within {@link
 * #MAX_DISTANCE} bits) across all shards and sources, and decides the split of every patient so
 * that no duplicate group spans two splits: patients linked by a duplicate form one group (union
 * find), and the whole group takes the split of its smallest patient key. That patient's own split
 * never changes, which makes the decision the same when it is recomputed after a partial rewrite.
 *
 * <p>Near-duplicate candidates come from a band join: the 256-bit hash is cut into 32 bands of 8
 * bits, and two hashes within 31 bits of each other must agree on at least one band (pigeonhole),
 * so only pairs sharing a band are compared. Images whose hash carries too little structure (flat
 * frames) have no hash and are not grouped as near duplicates. The band join compares about n^2/16
 * candidate pairs in the worst case: fine to millions of pairs; larger builds will need the join
 * partitioned.
 */
public final class Duplicates {
  /**
   * Of 256 bits (see {@link io.medloom.core.image.ImageHashes#perceptualHash}): re-encoded copies
   * measured at most 18 bits away, distinct look-alike films more than 40.
   */
  public static final int MAX_DISTANCE = 24;

  /** 32 bands of 8 bits: two hashes within 31 bits share at least one band. */
  private static final int BANDS = 32;

  /** What was found, and the new split of every patient whose split changes. */
  public record Report(
      long exactGroups,
      long exactSamples,
      long nearPairs,
      long linkedPatients,
      Map<String, String> movedPatients) {
    public Map<String, Long> summary() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("exact_groups", exactGroups);
      m.put("exact_duplicate_samples", exactSamples);
      m.put("near_duplicate_pairs", nearPairs);
      m.put("patients_linked_by_duplicates", linkedPatients);
      m.put("patients_moved_to_their_group_split", (long) movedPatients.size());
      return m;
    }
  }

  private Duplicates() {}

  public static Report find(Path samplesDir) throws SQLException, java.io.IOException {
    try (var files = java.nio.file.Files.list(samplesDir)) {
      if (files.noneMatch(f -> f.getFileName().toString().endsWith(".parquet"))) {
        return new Report(0, 0, 0, 0, Map.of());
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE h AS SELECT id, patient_key, split, content_hash, phash FROM read_parquet("
              + ParquetShardWriter.sqlString(samplesDir.resolve("*.parquet"))
              + ") WHERE content_hash IS NOT NULL");
      long[] exact = new long[2];
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(*), coalesce(sum(n), 0) FROM (SELECT content_hash, count(*) AS n FROM h"
                  + " GROUP BY content_hash HAVING count(*) > 1)")) {
        rs.next();
        exact[0] = rs.getLong(1);
        exact[1] = rs.getLong(2);
      }
      List<String[]> links = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT DISTINCT a.patient_key, b.patient_key FROM h a JOIN h b"
                  + " ON a.content_hash = b.content_hash AND a.patient_key < b.patient_key")) {
        while (rs.next()) {
          links.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      st.execute(
          "CREATE TABLE b AS SELECT id, patient_key, phash, band,"
              + " (phash[band // 8 + 1] >> (8 * (band % 8))) & 255 AS v"
              + " FROM h, range("
              + BANDS
              + ") t(band) WHERE phash IS NOT NULL");
      long nearPairs = 0;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT DISTINCT x.id, y.id, x.patient_key, y.patient_key FROM b x JOIN b y"
                  + " ON x.band = y.band AND x.v = y.v AND x.id < y.id"
                  + " WHERE bit_count(xor(x.phash[1], y.phash[1]))::INTEGER + bit_count(xor(x.phash[2], y.phash[2]))::INTEGER"
                  + " + bit_count(xor(x.phash[3], y.phash[3]))::INTEGER + bit_count(xor(x.phash[4], y.phash[4]))::INTEGER <= "
                  + MAX_DISTANCE)) {
        while (rs.next()) {
          nearPairs++;
          if (!rs.getString(3).equals(rs.getString(4))) {
            links.add(new String[] {rs.getString(3), rs.getString(4)});
          }
        }
      }
      // A patient may have rows in two splits while a reassignment is half written (killed
      // build); any row off the group's split counts as "to move".
      Map<String, java.util.Set<String>> splitsOf = new HashMap<>();
      try (ResultSet rs = st.executeQuery("SELECT DISTINCT patient_key, split FROM h")) {
        while (rs.next()) {
          splitsOf
              .computeIfAbsent(rs.getString(1), k -> new java.util.TreeSet<>())
              .add(rs.getString(2));
        }
      }
      UnionFind groups = new UnionFind();
      links.forEach(l -> groups.union(l[0], l[1]));
      Map<String, String> moved = new TreeMap<>();
      for (String patient : groups.members()) {
        String root = groups.find(patient);
        if (root.equals(patient)) {
          continue; // the group's smallest patient keeps its split and sets the group's
        }
        java.util.Set<String> rootSplits = splitsOf.getOrDefault(root, java.util.Set.of());
        if (rootSplits.size() != 1) {
          continue;
        }
        String target = rootSplits.iterator().next();
        java.util.Set<String> own = splitsOf.getOrDefault(patient, java.util.Set.of());
        if (!own.equals(java.util.Set.of(target))) {
          moved.put(patient, target);
        }
      }
      return new Report(exact[0], exact[1], nearPairs, groups.members().size(), moved);
    }
  }

  /** Union-find whose representative is always the smallest key of its group. */
  private static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();

    String find(String x) {
      parent.putIfAbsent(x, x);
      String root = x;
      while (!parent.get(root).equals(root)) {
        root = parent.get(root);
      }
      for (String cur = x; !cur.equals(root); ) { // path compression
        String next = parent.get(cur);
        parent.put(cur, root);
        cur = next;
      }
      return root;
    }

    void union(String a, String b) {
      String ra = find(a);
      String rb = find(b);
      if (!ra.equals(rb)) {
        if (ra.compareTo(rb) < 0) {
          parent.put(rb, ra);
        } else {
          parent.put(ra, rb);
        }
      }
    }

    java.util.Set<String> members() {
      return parent.keySet();
    }
  }
}
