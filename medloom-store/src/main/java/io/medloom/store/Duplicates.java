package io.medloom.store;

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
 * find), and the whole group takes the split of its anchor, the member that owns the group's
 * smallest sample id. That patient's own split never changes, which makes the decision the same
 * when it is recomputed after a partial rewrite.
 *
 * <p>Nothing here depends on the per-build key: sample ids are hashes of source, path and frame,
 * each patient's split was drawn from (seed, source kind, patient id) before keying, and ties
 * between equally close near duplicates are broken by sample ids too. Patient keys only say which
 * rows belong to one patient. So one seed gives every sample the same split in every build, with or
 * without {@code --key-file}, on either engine. (Taking the anchor's draw rather than, say, the
 * smallest draw of the group keeps each group's split distributed like one patient's.)
 *
 * <p>Near-duplicate candidates are every pair within {@link #MAX_DISTANCE} bits. Both engines find
 * them with the scheme of {@link NearPairSearch}: 13 bands of 19-20 bits, each probed one bit
 * around (two hashes within 24 bits are at most one bit apart in at least one band). This
 * one-process pass runs it over counting-sorted tables and drops a pair as soon as a sketch of the
 * two thumbnails rules it out ({@link LocalDuplicates}), so it never holds the list of hash-close
 * pairs; Spark runs it as a shuffle keyed by (band, high bits of the band value), so no task holds
 * more than one key's hashes. Recall within {@link #MAX_DISTANCE} is exact either way. Images whose
 * hash carries too little structure (flat frames) have no hash and are not grouped as near
 * duplicates. Hash candidates are confirmed on thumbnails (see {@link #MAX_THUMBNAIL_DIFFERENCE}).
 * The search compares about 273 n^2 / 2^20 pairs when hashes spread evenly; look-alike films (one
 * template, as in the phantom) crowd buckets and cost more (see docs/capacity.md for measured
 * growth). The 25 exact bands of {@link #BANDS} serve a SQL band join where a query needs one.
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

  /** 25 disjoint bands: two hashes within 24 bits share at least one band. */
  public static final int BANDS = 25;

  /** Band k < 24: 10 bits of word k / 6; band 24: the top 4 bits of all four words. */
  public static final String BAND_VALUE =
      "CASE WHEN band < 24 THEN (phash[band // 6 + 1] >> (10 * (band % 6))) & 1023"
          + " ELSE ((phash[1] >> 60) & 15) | (((phash[2] >> 60) & 15) << 4)"
          + " | (((phash[3] >> 60) & 15) << 8) | (((phash[4] >> 60) & 15) << 12) END";

  /** What was found, and the new split of every patient whose split changes. */
  public record Report(
      long exactGroups,
      long exactSamples,
      long nearPairs,
      long linkedPatients,
      long nearLinksNotFollowed,
      Map<String, String> movedPatients) {
    public Map<String, Long> summary() {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("exact_groups", exactGroups);
      m.put("exact_duplicate_samples", exactSamples);
      m.put("near_duplicate_pairs", nearPairs);
      m.put("patients_linked_by_duplicates", linkedPatients);
      m.put("near_links_not_followed_group_cap", nearLinksNotFollowed);
      m.put("patients_moved_to_their_group_split", (long) movedPatients.size());
      return m;
    }
  }

  private Duplicates() {}

  /**
   * The one-process pass over every shard in {@code samplesDir} (see {@link LocalDuplicates}: in
   * memory that grows with the rows and the near duplicates found, not with the hash-close pairs).
   */
  public static Report find(Path samplesDir) throws SQLException, java.io.IOException {
    return LocalDuplicates.find(samplesDir);
  }

  /**
   * As {@link #find(Path)}, confirming hash-close pairs directly on thumbnails only while they
   * number at most {@code directPairs}, and through thumbnail sketches past that (0: always through
   * the sketches). Both ways give the same report; tests compare them.
   */
  public static Report find(Path samplesDir, int directPairs)
      throws SQLException, java.io.IOException {
    return LocalDuplicates.find(samplesDir, directPairs);
  }

  /**
   * The groups and the patients to move, from what was found: exact-copy links between patients,
   * confirmed near-duplicate pairs (same-patient pairs included: they count, but link nothing),
   * and, for at least every linked patient, its smallest sample id and its splits. Every engine
   * decides here, so the same findings give the same groups whichever engine found them.
   */
  public static Report decide(
      long exactGroups,
      long exactSamples,
      List<String[]> links,
      List<NearLink> confirmed,
      Map<String, String> rank,
      Map<String, java.util.Set<String>> splitsOf) {
    long nearPairs = confirmed.size();
    List<NearLink> nearLinks = new ArrayList<>();
    for (NearLink l : confirmed) {
      if (!l.a().equals(l.b())) {
        nearLinks.add(l);
      }
    }
    UnionFind groups =
        new UnionFind(
            java.util.Comparator.comparing((String p) -> rank.getOrDefault(p, ""))
                .thenComparing(java.util.Comparator.naturalOrder()));
    // Exact copies always join their patients. Near copies join them closest first, but never
    // into a group of more than MAX_GROUP_PATIENTS: chains of look-alike films (one template,
    // blank frames) would otherwise merge thousands of patients and empty the other splits.
    links.forEach(l -> groups.union(l[0], l[1], Integer.MAX_VALUE));
    // Closest first; equally close links in the order of their sample ids, never of their keys.
    nearLinks.sort(
        java.util.Comparator.comparingDouble(NearLink::difference)
            .thenComparing(NearLink::idA)
            .thenComparing(NearLink::idB));
    long notFollowed = 0;
    for (NearLink l : nearLinks) {
      if (!groups.union(l.a(), l.b(), MAX_GROUP_PATIENTS)) {
        notFollowed++;
      }
    }
    Map<String, String> moved = new TreeMap<>();
    for (String patient : groups.members()) {
      String root = groups.find(patient);
      if (root.equals(patient)) {
        continue; // the group's anchor keeps its split and sets the group's
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
    long linked = groups.members().stream().filter(m -> groups.groupSize(m) > 1).count();
    return new Report(exactGroups, exactSamples, nearPairs, linked, notFollowed, moved);
  }

  /**
   * What the duplicate pass needs of one stored row: a hash is null for a row without one (flat
   * frames have no perceptual hash).
   */
  public record HashRow(
      String id, String patientKey, String split, String contentHash, long[] phash)
      implements java.io.Serializable {}

  /**
   * The hash rows of one shard file (rows with an image only), for engines that run the pass shard
   * by shard instead of over one table.
   */
  public static List<HashRow> hashRows(Path shard) throws SQLException {
    List<HashRow> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, patient_key, split, content_hash, phash FROM read_parquet("
                    + ParquetShardWriter.sqlString(shard)
                    + ") WHERE content_hash IS NOT NULL")) {
      while (rs.next()) {
        java.sql.Array a = rs.getArray(5);
        long[] phash = null;
        if (a != null) {
          Object[] words = (Object[]) a.getArray();
          phash = new long[words.length];
          for (int i = 0; i < words.length; i++) {
            phash[i] = ((Number) words[i]).longValue();
          }
        }
        out.add(
            new HashRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), phash));
      }
    }
    return out;
  }

  /**
   * Thumbnails (see {@link #thumbnail}) of the rows of one shard file whose id is in {@code ids}.
   */
  public static Map<String, byte[]> thumbnails(Path shard, java.util.Collection<String> ids)
      throws SQLException, java.io.IOException {
    List<String[]> asPairs = new ArrayList<>();
    ids.forEach(id -> asPairs.add(new String[] {id, id}));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      return thumbnails(st, shard, asPairs);
    }
  }

  /** 32x32 gray thumbnails of the candidates' stored images, decoded once per image. */
  private static Map<String, byte[]> thumbnails(
      Statement st, Path parquet, List<String[]> candidates)
      throws SQLException, java.io.IOException {
    Map<String, byte[]> out = new HashMap<>();
    if (candidates.isEmpty()) {
      return out;
    }
    st.execute("CREATE TABLE cand (id VARCHAR)");
    // Appended, not a batch of INSERTs, which DuckDB runs row by row.
    try (org.duckdb.DuckDBAppender app =
        st.getConnection()
            .unwrap(org.duckdb.DuckDBConnection.class)
            .createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "cand")) {
      java.util.Set<String> ids = new java.util.TreeSet<>();
      candidates.forEach(c -> ids.addAll(List.of(c[0], c[1])));
      for (String id : ids) {
        app.beginRow().append(id).endRow();
      }
    }
    try (ResultSet rs =
        st.executeQuery(
            "SELECT s.id, s.image.bytes FROM read_parquet("
                + ParquetShardWriter.sqlString(parquet)
                + ") s JOIN cand USING (id)")) {
      while (rs.next()) {
        java.sql.Blob blob = (java.sql.Blob) rs.getObject(2);
        out.put(rs.getString(1), thumbnail(blob.getBytes(1, (int) blob.length())));
      }
    }
    return out;
  }

  /** The 32x32 gray thumbnail near-duplicate candidates are confirmed on, from stored PNG bytes. */
  public static byte[] thumbnail(byte[] png) throws java.io.IOException {
    // Channel 0: gray, or the red of RGB, as the perceptual hash was computed at build time.
    io.medloom.core.image.Raster img = io.medloom.core.image.PngDecoder.decode(png);
    int w = img.width();
    int h = img.height();
    byte[] gray = new byte[w * h];
    for (int i = 0; i < gray.length; i++) {
      gray[i] = img.pixels()[i * img.channels()];
    }
    return io.medloom.core.image.Resampler.resize(
            new io.medloom.core.image.Raster(w, h, 1, gray), THUMB, THUMB)
        .pixels();
  }

  /**
   * The sketch of a confirmation thumbnail: the sums of its 64 blocks of 4x4 pixels. Two thumbnails
   * whose sketches fail {@link #sketchesMayMatch} cannot pass the thumbnail check, so an engine can
   * rule out most hash-close pairs on 128 bytes a row instead of 1,024.
   */
  public static short[] sketch(byte[] thumbnail) {
    short[] out = new short[LocalDuplicates.SKETCH];
    LocalDuplicates.sketch(thumbnail, out, 0);
    return out;
  }

  /**
   * False when two thumbnails with these sketches are certainly more than {@link
   * #MAX_THUMBNAIL_DIFFERENCE} apart (the sum of absolute block-sum differences is at most the sum
   * of absolute pixel differences).
   */
  public static boolean sketchesMayMatch(short[] a, short[] b) {
    long sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += Math.abs(a[k] - b[k]);
    }
    return sum <= LocalDuplicates.MAX_SUM_DIFFERENCE;
  }

  /** Bits in which two perceptual hashes differ. */
  public static int distance(long[] a, long[] b) {
    int d = 0;
    for (int i = 0; i < a.length; i++) {
      d += Long.bitCount(a[i] ^ b[i]);
    }
    return d;
  }

  /** Mean absolute difference of two thumbnails in gray levels; a missing one is infinitely far. */
  public static double meanAbsoluteDifference(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return Double.MAX_VALUE;
    }
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return sum / (double) a.length;
  }

  /**
   * A confirmed near-duplicate pair of samples ({@code idA < idB}) of two patients, and how alike
   * their thumbnails are.
   */
  public record NearLink(double difference, String idA, String idB, String a, String b)
      implements java.io.Serializable {}

  /**
   * The largest group near duplicates may form (patients). Exact copies are not capped. A real
   * duplicate group (an image re-saved, re-exported, shared between studies) spans a few patients.
   */
  public static final int MAX_GROUP_PATIENTS = 16;

  /** Union-find whose representative is always the first member of its group in {@code order}. */
  static final class UnionFind {
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, Integer> size = new HashMap<>();
    private final java.util.Comparator<String> order;

    /** Representatives are the smallest members by natural order. */
    UnionFind() {
      this(java.util.Comparator.naturalOrder());
    }

    UnionFind(java.util.Comparator<String> order) {
      this.order = order;
    }

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

    /** Joins the groups of a and b unless the result would exceed cap; false when refused. */
    boolean union(String a, String b, int cap) {
      String ra = find(a);
      String rb = find(b);
      if (ra.equals(rb)) {
        return true;
      }
      int joined = size.getOrDefault(ra, 1) + size.getOrDefault(rb, 1);
      if (joined > cap) {
        return false;
      }
      // The first member in order stays the root: the group's split is its anchor's.
      String root = order.compare(ra, rb) < 0 ? ra : rb;
      parent.put(root.equals(ra) ? rb : ra, root);
      size.put(root, joined);
      return true;
    }

    int groupSize(String x) {
      return size.getOrDefault(find(x), 1);
    }

    java.util.Set<String> members() {
      return parent.keySet();
    }
  }
}
