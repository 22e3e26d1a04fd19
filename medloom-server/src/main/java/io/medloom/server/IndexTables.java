package io.medloom.server;

import io.medloom.store.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

/**
 * The viewer's two tables over a dataset, made once from the shards and then read from a cache
 * file: {@code idx} (one row per sample in id order, {@code pos} its grid position, with the
 * columns the grid shows and filters on) and {@code texts} (each distinct searched text once,
 * numbered {@code tid}, with the positions of the samples holding it; see {@link WordIndex}).
 */
final class IndexTables {
  private IndexTables() {}

  private static final String ROWS =
      "SELECT row_number() OVER (ORDER BY id) - 1 AS pos, id, split, modality, source, view,"
          + " len(rois) AS n_rois,"
          + " list_distinct(list_transform(rois, x -> x.origin)) AS roi_origins,"
          + " list_distinct(list_transform(labels, l -> l.task)) AS tasks,"
          + " list_filter(flatten(list_transform(labels, l -> list_transform("
          + "   string_split(l.name, ', '), n -> l.task || '=' || n))), k -> right(k, 1) <> '=')"
          + "   AS label_keys,"
          // desc.full only repeats the other descriptions; leaving it out halves the text. qa
          // texts are JSON whose keys ("zone", "answer") would match every search.
          + " lower(array_to_string(list_transform(list_filter(texts,"
          + "   t -> t.kind NOT IN ('desc.full', 'qa')),"
          + "   t -> t.text), ' ')) AS text_all"
          + " FROM samples ORDER BY id";

  /**
   * Makes {@code idx} and {@code texts} visible on the reader's connection: attached read-only from
   * the cache file when there is one, else built into a new cache file first, else (no cache
   * folder, or one that cannot be written) built in memory. Returns how, for the start-up log line.
   */
  static String attachOrBuild(DatasetReader r, Path root, Path cacheRoot)
      throws IOException, SQLException {
    if (cacheRoot != null) {
      Path file = IndexCache.file(cacheRoot, root);
      String how = "read from " + file;
      if (!Files.exists(file)) {
        try {
          buildFile(r, file);
          how = "built and cached in " + file;
        } catch (IOException | SQLException e) {
          System.err.println(
              "viewer: cannot cache the index of "
                  + root
                  + " in "
                  + cacheRoot
                  + " ("
                  + e.getMessage()
                  + "); indexing in memory for this run");
          build(r, "");
          return "built in memory";
        }
      }
      try {
        r.execute("ATTACH " + sql(file) + " AS viewer_cache (READ_ONLY)");
      } catch (SQLException e) {
        // A damaged file (a disk filled up, a copy cut short) is not trusted; delete it to rebuild.
        System.err.println(
            "viewer: unreadable index cache "
                + file
                + " ("
                + e.getMessage()
                + "); indexing in memory for this run (delete the file to rebuild it)");
        build(r, "");
        return "built in memory";
      }
      r.execute("CREATE VIEW idx AS SELECT * FROM viewer_cache.idx");
      r.execute("CREATE VIEW texts AS SELECT * FROM viewer_cache.texts");
      return how;
    }
    build(r, "");
    return "built in memory";
  }

  /** Builds the tables into a temporary file beside {@code file}, then moves it in atomically. */
  private static void buildFile(DatasetReader r, Path file) throws IOException, SQLException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    // DuckDB creates its own file; an empty one is not a database.
    Files.delete(tmp);
    try {
      r.execute("ATTACH " + sql(tmp) + " AS viewer_build");
      try {
        build(r, "viewer_build.");
      } finally {
        r.execute("DETACH viewer_build");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
    }
  }

  /** Reads the shards once (only the columns named in {@link #ROWS}) into both tables. */
  private static void build(DatasetReader r, String catalog) throws SQLException {
    r.execute("CREATE TEMP TABLE viewer_rows AS " + ROWS);
    try {
      r.execute("CREATE TABLE " + catalog + "idx AS SELECT * EXCLUDE (text_all) FROM viewer_rows");
      // Pages and neighbours look rows up by position: an index makes that a lookup, not a scan
      // of every row (measured on a million rows: about 5 ms instead of 50-130 ms for a page).
      r.execute("CREATE INDEX idx_pos ON " + catalog + "idx (pos)");
      r.execute(
          "CREATE TABLE "
              + catalog
              + "texts AS SELECT (row_number() OVER (ORDER BY text) - 1)::INTEGER AS tid, text,"
              + " positions FROM (SELECT text_all AS text, list(pos::INTEGER ORDER BY pos)"
              + " AS positions FROM viewer_rows WHERE text_all <> '' GROUP BY text_all)");
    } finally {
      r.execute("DROP TABLE viewer_rows");
    }
  }

  /** The word index over {@code texts}, for a grid of {@code size} positions. */
  static WordIndex words(DatasetReader r, int size) throws SQLException {
    WordIndex.Builder b = new WordIndex.Builder(size);
    r.query(
        "SELECT text, positions FROM texts ORDER BY tid",
        rs -> {
          while (rs.next()) {
            Object[] ps = (Object[]) rs.getArray(2).getArray();
            int[] positions = new int[ps.length];
            for (int i = 0; i < ps.length; i++) {
              positions[i] = ((Number) ps[i]).intValue();
            }
            b.add(rs.getString(1), positions);
          }
        });
    return b.build();
  }

  private static String sql(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
