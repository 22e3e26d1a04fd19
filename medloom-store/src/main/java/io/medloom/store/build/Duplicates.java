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
 * frames) have no hash and are not grouped as near duplicates. Hash candidates are confirmed on
 * thumbnails (see {@link #MAX_THUMBNAIL_DIFFERENCE}). The band join compares about n^2/16 candidate
 * pairs in the worst case: fine to millions of pairs; larger builds will need the join partitioned.
 */
public final class Duplicates {
  /**
   * Of 256 bits (see {@link io.medloom.core.image.ImageHashes#perceptualHash}): re-encoded copies
   * measured at most 18 bits away, distinct look-alike films more than 40.
   */
  public static final int MAX_DISTANCE = 24;

  /**
   * Candidates within {@link #MAX_DISTANCE} are confirmed on 32x32 thumbnails: mean absolute
   * difference at most this many gray levels. Measured on 224-pixel images: re-encoded copies of
   * BUSI images 0.2 to 2.1; BUSI frames of the same scan saved twice 2.0 to 3.0 (grouped) or 3.9 to
   * 5.8 (not grouped); distinct phantom patients whose hashes come within 24 bits 3.4 and up
   * (median 7.2) — the synthetic films share one template, which the hash alone cannot tell apart.
   */
  public static final double MAX_THUMBNAIL_DIFFERENCE = 3.0;

  private static final int THUMB = 32;

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
      List<String[]> candidates = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT DISTINCT x.id, y.id, x.patient_key, y.patient_key FROM b x JOIN b y"
                  + " ON x.band = y.band AND x.v = y.v AND x.id < y.id"
                  + " WHERE bit_count(xor(x.phash[1], y.phash[1]))::INTEGER + bit_count(xor(x.phash[2], y.phash[2]))::INTEGER"
                  + " + bit_count(xor(x.phash[3], y.phash[3]))::INTEGER + bit_count(xor(x.phash[4], y.phash[4]))::INTEGER <= "
                  + MAX_DISTANCE)) {
        while (rs.next()) {
          candidates.add(
              new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
      Map<String, byte[]> thumbs = thumbnails(st, samplesDir, candidates);
      long nearPairs = 0;
      for (String[] pair : candidates) {
        if (meanAbsoluteDifference(thumbs.get(pair[0]), thumbs.get(pair[1]))
            <= MAX_THUMBNAIL_DIFFERENCE) {
          nearPairs++;
          if (!pair[2].equals(pair[3])) {
            links.add(new String[] {pair[2], pair[3]});
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

  /** 32x32 gray thumbnails of the candidates' stored images, decoded once per image. */
  private static Map<String, byte[]> thumbnails(
      Statement st, Path samplesDir, List<String[]> candidates)
      throws SQLException, java.io.IOException {
    Map<String, byte[]> out = new HashMap<>();
    if (candidates.isEmpty()) {
      return out;
    }
    st.execute("CREATE TABLE cand (id VARCHAR)");
    try (var ps = st.getConnection().prepareStatement("INSERT INTO cand VALUES (?)")) {
      java.util.Set<String> ids = new java.util.TreeSet<>();
      candidates.forEach(c -> ids.addAll(List.of(c[0], c[1])));
      for (String id : ids) {
        ps.setString(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (ResultSet rs =
        st.executeQuery(
            "SELECT s.id, s.image.bytes FROM read_parquet("
                + ParquetShardWriter.sqlString(samplesDir.resolve("*.parquet"))
                + ") s JOIN cand USING (id)")) {
      while (rs.next()) {
        java.sql.Blob blob = (java.sql.Blob) rs.getObject(2);
        byte[] png = blob.getBytes(1, (int) blob.length());
        java.awt.image.BufferedImage img =
            javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] gray = new byte[w * h];
        var raster = img.getRaster();
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            gray[y * w + x] = (byte) raster.getSample(x, y, 0); // channel 0: gray, or red of RGB
          }
        }
        out.put(
            rs.getString(1),
            io.medloom.core.image.Resampler.resize(
                    new io.medloom.core.image.Raster(w, h, 1, gray), THUMB, THUMB)
                .pixels());
      }
    }
    return out;
  }

  private static double meanAbsoluteDifference(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return Double.MAX_VALUE;
    }
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return sum / (double) a.length;
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
