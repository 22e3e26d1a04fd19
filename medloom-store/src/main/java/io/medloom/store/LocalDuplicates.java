package io.medloom.store;

import io.medloom.store.Duplicates.NearLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The one-process duplicate pass, in memory that grows with the number of rows and the number of
 * near duplicates, not with the number of hash-close pairs (which grows with n^2 on look-alike
 * films: 3.3 million pairs within 24 bits among a million MedMNIST blends, of which a few hundred
 * are near duplicates).
 *
 * <p>One query reads every row's 256-bit hash, in shard order. {@link NearPairSearch} then finds
 * the pairs within {@link Duplicates#MAX_DISTANCE} bits; while they number at most {@link
 * #DIRECT_PAIRS} (real films: a few per thousand), they are confirmed on thumbnails of their rows
 * only, as the pass always did. Past that bound the search stops, and every shard's images are
 * decoded once, file by file on every core, into a sketch of each row's confirmation thumbnail: the
 * sums of the 64 blocks of 4x4 pixels of the 32x32 thumbnail (128 bytes a row). The sum of absolute
 * differences of two sketches is at most that of the two thumbnails (triangle inequality), so a
 * pair whose sketches differ by more than {@link Duplicates#MAX_THUMBNAIL_DIFFERENCE} x 1024 cannot
 * pass the thumbnail check; the search runs again and drops each such pair as it finds it. The few
 * left are confirmed on full thumbnails, read back from their shards for at most {@link
 * #THUMBNAILS_AT_ONCE} rows at a time. Nothing is capped or sampled: the confirmed pairs are
 * exactly the pairs within the distance that pass the thumbnail check, as Spark's band join
 * confirms them, so both engines decide the same groups.
 */
final class LocalDuplicates {
  /** Full thumbnails held at once while confirming (1 KB each). */
  static final int THUMBNAILS_AT_ONCE = 65_536;

  /**
   * Hash-close pairs confirmed directly on thumbnails (their rows fit in one read of the shards);
   * with more, every row's thumbnail sketch is computed first and rules most of them out.
   */
  static final int DIRECT_PAIRS = THUMBNAILS_AT_ONCE / 2;

  private static final int BLOCKS = 8;
  static final int SKETCH = BLOCKS * BLOCKS;
  static final long MAX_SUM_DIFFERENCE =
      (long) Math.floor(Duplicates.MAX_THUMBNAIL_DIFFERENCE * 32 * 32);

  private LocalDuplicates() {}

  static Duplicates.Report find(Path samplesDir) throws SQLException, IOException {
    return find(samplesDir, DIRECT_PAIRS);
  }

  /** As {@link #find(Path)}, confirming directly at most {@code directPairs} hash-close pairs. */
  static Duplicates.Report find(Path samplesDir, int directPairs) throws SQLException, IOException {
    return findings(samplesDir, directPairs).report();
  }

  /** The pass: what it found, and the report decided from it over the splits stored now. */
  static DuplicateFindings findings(Path samplesDir, int directPairs)
      throws SQLException, IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(samplesDir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    if (files.isEmpty()) {
      return DuplicateFindings.none();
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE h AS SELECT id, patient_key, split, content_hash FROM read_parquet("
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
      Scan scan = Scan.of(c, samplesDir, files);
      long[] pairs = directPairs(scan.hashes, directPairs);
      if (pairs == null) {
        scan.sketch(c, files);
        pairs = NearPairSearch.find(scan.hashes, Duplicates.MAX_DISTANCE, scan::mayMatch);
      }
      List<NearLink> confirmed = confirm(files, scan, pairs);
      return DuplicateFindings.decided(c, "h", exact[0], exact[1], links, confirmed);
    }
  }

  /**
   * Every pair within the distance when there are at most {@code bound} (the usual case: real films
   * rarely look alike), else null, found without thumbnails; the search stops as soon as it passes
   * the bound.
   */
  private static long[] directPairs(long[] hashes, int bound) {
    java.util.concurrent.atomic.AtomicInteger found =
        new java.util.concurrent.atomic.AtomicInteger();
    NearPairSearch.PairFilter bounded =
        new NearPairSearch.PairFilter() {
          @Override
          public boolean keep(int i, int j) {
            return found.incrementAndGet() <= bound;
          }

          @Override
          public boolean stopped() {
            return found.get() > bound;
          }
        };
    long[] pairs = NearPairSearch.find(hashes, Duplicates.MAX_DISTANCE, bounded);
    return found.get() > bound ? null : pairs;
  }

  /** Every hashed row of the shards, in file order: hash, where it is stored, and its sketch. */
  static final class Scan {
    final long[] hashes;
    final int[] fileStart; // rows of file f are fileStart[f] .. fileStart[f + 1] - 1
    final int[] fileRow; // the row's file_row_number in its file
    final long[] content; // the row's content hash, two words: equal words, equal stored pixels
    short[] sketches; // filled by sketch(), when the hash-close pairs are too many to confirm
    boolean[] hasThumbnail;

    private Scan(long[] hashes, int[] fileStart, int[] fileRow, long[] content) {
      this.hashes = hashes;
      this.fileStart = fileStart;
      this.fileRow = fileRow;
      this.content = content;
    }

    /**
     * Whether two rows store the same pixels (content hash: SHA-256 of size and pixels), whose
     * thumbnails then differ by 0 without decoding either.
     */
    boolean sameContent(int i, int j) {
      return content[2 * i] == content[2 * j] && content[2 * i + 1] == content[2 * j + 1];
    }

    int rows() {
      return fileRow.length;
    }

    int fileOf(int row) {
      int f = java.util.Arrays.binarySearch(fileStart, row);
      if (f < 0) {
        return -f - 2;
      }
      while (f + 1 < fileStart.length && fileStart[f + 1] == row) {
        f++; // files without a hashed row share their start with the next file
      }
      return f;
    }

    /** False when the two thumbnails certainly differ by more than the threshold. */
    boolean mayMatch(int i, int j) {
      if (sameContent(i, j)) {
        return true;
      }
      if (!hasThumbnail[i] || !hasThumbnail[j]) {
        return false;
      }
      long sum = 0;
      int a = i * SKETCH;
      int b = j * SKETCH;
      for (int k = 0; k < SKETCH; k++) {
        sum += Math.abs(sketches[a + k] - sketches[b + k]);
      }
      return sum <= MAX_SUM_DIFFERENCE;
    }

    /** The hashes of every file, in file order, then file_row_number order (one query). */
    static Scan of(Connection c, Path samplesDir, List<Path> files) throws SQLException {
      Map<String, Integer> index = new HashMap<>();
      for (int f = 0; f < files.size(); f++) {
        index.put(files.get(f).getFileName().toString(), f);
      }
      int[] fileStart = new int[files.size() + 1];
      LongList hashes = new LongList();
      LongList content = new LongList();
      List<Integer> rows = new ArrayList<>();
      int[] perFile = new int[files.size()];
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT parse_filename(filename), file_row_number, phash, content_hash"
                      + " FROM read_parquet("
                      + ParquetShardWriter.sqlString(samplesDir.resolve("*.parquet"))
                      + ", filename = true, file_row_number = true) WHERE content_hash IS NOT NULL"
                      + " AND phash IS NOT NULL ORDER BY filename, file_row_number")) {
        String last = null;
        int file = -1;
        while (rs.next()) {
          String name = rs.getString(1);
          if (!name.equals(last)) {
            Integer f = index.get(name);
            if (f == null || f <= file) {
              throw new SQLException("shard files changed while reading them: " + name);
            }
            file = f;
            last = name;
          }
          perFile[file]++;
          rows.add((int) rs.getLong(2));
          Object[] words = (Object[]) rs.getArray(3).getArray();
          for (int w = 0; w < 4; w++) {
            hashes.add(((Number) words[w]).longValue());
          }
          long[] words2 = contentWords(rs.getString(4), rows.size() - 1);
          content.add(words2[0]);
          content.add(words2[1]);
        }
      }
      for (int f = 0; f < files.size(); f++) {
        fileStart[f + 1] = fileStart[f] + perFile[f];
      }
      return new Scan(
          hashes.toArray(),
          fileStart,
          rows.stream().mapToInt(Integer::intValue).toArray(),
          content.toArray());
    }

    /** The thumbnail sketch of every row: every shard's images decoded, on every core. */
    void sketch(Connection c, List<Path> files) throws IOException, SQLException {
      sketches = new short[rows() * SKETCH];
      hasThumbnail = new boolean[rows()];
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      org.duckdb.DuckDBConnection db = c.unwrap(org.duckdb.DuckDBConnection.class);
      try {
        List<Future<Void>> parts = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
          int file = f;
          parts.add(
              pool.submit(
                  () -> {
                    try (Connection own = db.duplicate()) {
                      sketchFile(own, files.get(file), file);
                    }
                    return null;
                  }));
        }
        for (Future<Void> part : parts) {
          get(part);
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private void sketchFile(Connection c, Path file, int f) throws SQLException {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT file_row_number, image.bytes FROM read_parquet("
                      + ParquetShardWriter.sqlString(file)
                      + ", file_row_number = true) WHERE content_hash IS NOT NULL"
                      + " AND phash IS NOT NULL")) {
        while (rs.next()) {
          int r =
              java.util.Arrays.binarySearch(
                  fileRow, fileStart[f], fileStart[f + 1], (int) rs.getLong(1));
          byte[] thumb = thumbnailOrNull(rs, 2);
          if (r >= 0 && thumb != null) {
            hasThumbnail[r] = true;
            LocalDuplicates.sketch(thumb, sketches, r * SKETCH);
          }
        }
      }
    }
  }

  /** A growable array of longs. */
  private static final class LongList {
    private long[] a = new long[1024];
    private int n;

    void add(long v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  /** The thumbnail of a stored image column, or null when it cannot be decoded (never matched). */
  private static byte[] thumbnailOrNull(ResultSet rs, int column) throws SQLException {
    Object o = rs.getObject(column);
    if (o == null) {
      return null;
    }
    java.sql.Blob blob = (java.sql.Blob) o;
    try {
      return Duplicates.thumbnail(blob.getBytes(1, (int) blob.length()));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Sums of the 64 blocks of 4x4 pixels of a 32x32 thumbnail. */
  static void sketch(byte[] thumb, short[] out, int at) {
    int side = BLOCKS * 4;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        out[at + (y / 4) * BLOCKS + x / 4] += (short) (thumb[y * side + x] & 0xff);
      }
    }
  }

  /**
   * Confirms the pairs the sketches could not rule out on full thumbnails, a bounded number of rows
   * at a time, each chunk's rows read back from their shards.
   */
  private static List<NearLink> confirm(List<Path> files, Scan scan, long[] pairs)
      throws SQLException, IOException {
    List<NearLink> out = new ArrayList<>();
    int from = 0;
    while (from < pairs.length) {
      TreeSet<Integer> rows = new TreeSet<>();
      Set<Integer> decode = new java.util.HashSet<>();
      int to = from;
      while (to < pairs.length && rows.size() + 2 <= THUMBNAILS_AT_ONCE) {
        int i = (int) (pairs[to] >>> 32);
        int j = (int) pairs[to];
        rows.add(i);
        rows.add(j);
        if (!scan.sameContent(i, j)) {
          decode.add(i);
          decode.add(j);
        }
        to++;
      }
      Map<Integer, Stored> stored = read(files, scan, rows, decode);
      for (int p = from; p < to; p++) {
        int i = (int) (pairs[p] >>> 32);
        int j = (int) pairs[p];
        Stored x = stored.get(i);
        Stored y = stored.get(j);
        if (x == null || y == null) {
          continue;
        }
        double diff =
            scan.sameContent(i, j)
                ? 0
                : Duplicates.meanAbsoluteDifference(x.thumbnail(), y.thumbnail());
        if (diff <= Duplicates.MAX_THUMBNAIL_DIFFERENCE) {
          out.add(
              x.id().compareTo(y.id()) < 0
                  ? new NearLink(diff, x.id(), y.id(), x.patientKey(), y.patientKey())
                  : new NearLink(diff, y.id(), x.id(), y.patientKey(), x.patientKey()));
        }
      }
      from = to;
    }
    return out;
  }

  /**
   * The two 64-bit words of a content hash (32 hex digits). Anything else (the verifier reports it)
   * gets words of its own, from the row number, so it never counts as equal content.
   */
  private static long[] contentWords(String hex, int row) {
    if (hex != null && hex.length() == 32) {
      try {
        return new long[] {
          Long.parseUnsignedLong(hex.substring(0, 16), 16),
          Long.parseUnsignedLong(hex.substring(16), 16)
        };
      } catch (NumberFormatException e) {
        // not hex: a row of its own, below
      }
    }
    return new long[] {row, 0x5EED_0000_0000_0000L};
  }

  private record Stored(String id, String patientKey, byte[] thumbnail) {}

  /**
   * Id and patient of the given rows, and the thumbnails of those in {@code decode} (an empty
   * thumbnail for the others, whose pairs need none), reading only the files that hold them.
   */
  private static Map<Integer, Stored> read(
      List<Path> files, Scan scan, TreeSet<Integer> rows, Set<Integer> decode)
      throws SQLException, IOException {
    Map<Integer, TreeMap<Integer, Integer>> byFile = new TreeMap<>(); // file -> file row -> row
    for (int r : rows) {
      byFile.computeIfAbsent(scan.fileOf(r), f -> new TreeMap<>()).put(scan.fileRow[r], r);
    }
    Map<Integer, Stored> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (var e : byFile.entrySet()) {
        TreeMap<Integer, Integer> wanted = e.getValue();
        try (ResultSet rs =
            st.executeQuery(
                "SELECT file_row_number, id, patient_key, image.bytes FROM read_parquet("
                    + ParquetShardWriter.sqlString(files.get(e.getKey()))
                    + ", file_row_number = true)")) {
          while (rs.next()) {
            Integer row = wanted.get((int) rs.getLong(1));
            if (row != null) {
              byte[] thumb = decode.contains(row) ? thumbnailOrNull(rs, 4) : new byte[0];
              if (thumb != null) {
                out.put(row, new Stored(rs.getString(2), rs.getString(3), thumb));
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static <T> T get(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading shards", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("cannot read the hashes of a shard: " + cause.getMessage(), cause);
    }
  }
}
