package io.medloom.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

/**
 * A DuckDB copy of a dataset's rows, kept in a cache folder so that repeated queries over many
 * shards read one columnar file instead of opening every Parquet shard and its footer each time (on
 * a million rows in 1,954 shards, the footers alone cost over a second per query). Same rows, same
 * column types, same order: it is made by {@code CREATE TABLE ... AS SELECT * FROM samples}. The
 * file is named by a hash of the dataset's {@code _SUCCESS} (a checksum of every shard), so a
 * changed dataset is copied anew and a stale copy is never read.
 */
public final class QueryCopy {
  /** Changes whenever the copy's layout changes, so older files are never read. */
  static final String FORMAT = "query-copy-1";

  private QueryCopy() {}

  /**
   * The cache folder when none is given: {@code $MEDLOOM_CACHE/query}, else {@code
   * $XDG_CACHE_HOME/medloom/query}, else {@code ~/.cache/medloom/query}.
   */
  public static Path defaultRoot() {
    return CacheFolders.defaultRoot("query");
  }

  /** The copy's file for this dataset in the cache folder {@code root}. */
  public static Path file(Path root, DatasetLayout layout) throws IOException {
    return CacheFolders.duckdbFile(root, FORMAT, layout.success());
  }

  /**
   * Points the reader's {@code samples} at the copy in {@code root}, making it first when there is
   * none. Returns true when it was made now.
   */
  static boolean use(DatasetReader r, Path root) throws IOException, SQLException {
    Path file = file(root, r.layout());
    boolean made = false;
    if (!Files.exists(file)) {
      Files.createDirectories(root);
      Path tmp = Files.createTempFile(root, file.getFileName().toString(), ".tmp");
      Files.delete(tmp); // DuckDB makes its own file; an empty one is not a database
      try {
        r.execute("ATTACH " + sql(tmp) + " AS medloom_copy_build");
        try {
          r.execute("CREATE TABLE medloom_copy_build.samples AS SELECT * FROM samples");
        } finally {
          r.execute("DETACH medloom_copy_build");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        made = true;
      } finally {
        Files.deleteIfExists(tmp);
        Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + ".wal"));
      }
    }
    r.execute("ATTACH " + sql(file) + " AS medloom_copy (READ_ONLY)");
    r.execute("CREATE OR REPLACE VIEW samples AS SELECT * FROM medloom_copy.samples");
    return made;
  }

  private static String sql(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }
}
