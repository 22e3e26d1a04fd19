package io.medloom.store;

import io.medloom.core.model.DatasetInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a finished dataset: its {@code dataset.json}, and its rows through embedded DuckDB, where
 * they are the view {@code samples}. Refuses a directory without {@code _SUCCESS}: an unfinished or
 * damaged dataset must not be mistaken for a small one.
 */
public final class DatasetReader implements AutoCloseable {
  private final DatasetLayout layout;
  private final DatasetInfo info;
  private final Connection conn;

  private DatasetReader(DatasetLayout layout, DatasetInfo info, Connection conn) {
    this.layout = layout;
    this.info = info;
    this.conn = conn;
  }

  public static DatasetReader open(Path root) throws IOException {
    DatasetLayout layout = new DatasetLayout(root);
    if (!Files.isDirectory(root)) {
      throw new DatasetException("not a dataset directory: " + root);
    }
    if (!Files.exists(layout.success())) {
      throw new DatasetException(
          root
              + " is not a finished dataset: "
              + DatasetLayout.SUCCESS
              + " is missing"
              + (Files.exists(layout.work())
                  ? Files.exists(layout.info())
                      ? " (its build stopped at the final checks, which the build command"
                          + " listed; re-running it repeats them)"
                      : " (a build was interrupted; re-run the same build command to resume it)"
                  : ""));
    }
    return openRows(layout);
  }

  /**
   * Opens a finished dataset with {@code samples} read from a DuckDB copy of its rows in the cache
   * folder {@code cacheRoot} ({@link QueryCopy}), made on first use (a full read of the shards) and
   * reused while the dataset is unchanged. For repeated queries over many shards; the rows, their
   * types and order are those of {@link #open}. The other methods still read the shards.
   */
  public static DatasetReader openCopy(Path root, Path cacheRoot) throws IOException {
    DatasetReader r = open(root);
    try {
      QueryCopy.use(r, cacheRoot);
      return r;
    } catch (SQLException e) {
      try {
        r.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new DatasetException(
          "cannot copy the rows of " + root + " into " + cacheRoot + ": " + e.getMessage(), e);
    } catch (IOException e) {
      try {
        r.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Opens a dataset that is written but not yet marked finished, for the checks a build runs before
   * it writes {@code _SUCCESS}; everything else reads finished datasets only.
   */
  static DatasetReader openBeforeFinish(Path root) throws IOException {
    return openRows(new DatasetLayout(root));
  }

  private static DatasetReader openRows(DatasetLayout layout) throws IOException {
    Path root = layout.root();
    DatasetInfo info;
    try {
      info = Json.MAPPER.readValue(layout.info().toFile(), DatasetInfo.class);
    } catch (IOException e) {
      throw new DatasetException("unreadable " + layout.info() + ": " + e.getMessage(), e);
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = c.createStatement()) {
        // The internal view keeps file name and row number, so sequential reads follow shard order.
        st.execute(
            "CREATE VIEW "
                + ORDERED
                + " AS SELECT * FROM read_parquet("
                + ParquetShardWriter.sqlString(layout.samples().resolve("*.parquet"))
                + ", filename = true, file_row_number = true)");
        st.execute(
            "CREATE VIEW samples AS SELECT * EXCLUDE (filename, file_row_number) FROM " + ORDERED);
      }
      return new DatasetReader(layout, info, c);
    } catch (SQLException e) {
      throw new DatasetException("cannot open the samples of " + root + ": " + e.getMessage(), e);
    }
  }

  public DatasetInfo info() {
    return info;
  }

  public DatasetLayout layout() {
    return layout;
  }

  /** Runs SQL over the view {@code samples}; the consumer sees each row of the result. */
  public void query(String sql, ResultConsumer consumer) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      consumer.accept(rs);
    }
  }

  /** Runs SQL with bound parameters over the view {@code samples} (and tables made by execute). */
  public void query(String sql, List<?> params, ResultConsumer consumer) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        consumer.accept(rs);
      }
    }
  }

  /** Runs a statement that returns no rows (e.g. an in-memory index table for a viewer). */
  public void execute(String sql) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  /** A single long from a query such as {@code select count(*) ...}. */
  public long count(String sql) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Rows in shard order, optionally only one split, as {@link StoredSample}s. Read one shard file
   * at a time: ordering the whole dataset in one query made DuckDB hold every row, images included,
   * in memory (over 4 GB resident for a million small images), where one file is a few MB.
   */
  public void forEach(Optional<String> split, Consumer<StoredSample> action) throws SQLException {
    List<Path> files;
    try (java.util.stream.Stream<Path> list = Files.list(layout.samples())) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new SQLException("cannot list " + layout.samples() + ": " + e.getMessage(), e);
    }
    for (Path file : files) {
      String sql =
          StoredSample.SELECT.replace(
                  "FROM samples",
                  "FROM read_parquet("
                      + ParquetShardWriter.sqlString(file)
                      + ", file_row_number = true)")
              + (split.isPresent() ? " WHERE split = ?" : "")
              + " ORDER BY file_row_number";
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        if (split.isPresent()) {
          ps.setString(1, split.get());
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            action.accept(StoredSample.from(rs));
          }
        }
      }
    }
  }

  /** Rows that have a label for {@code task}. */
  public List<StoredSample> withTask(String task) throws SQLException {
    List<StoredSample> out = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            StoredSample.SELECT + " WHERE list_contains(list_transform(labels, l -> l.task), ?)")) {
      ps.setString(1, task);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(StoredSample.from(rs));
        }
      }
    }
    return out;
  }

  /** Random access by id. */
  public Optional<StoredSample> get(String id) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(StoredSample.SELECT + " WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(StoredSample.from(rs)) : Optional.empty();
      }
    }
  }

  private static final String ORDERED = "_samples_in_order";

  @Override
  public void close() throws SQLException {
    conn.close();
  }

  /** Consumes a JDBC result set. */
  @FunctionalInterface
  public interface ResultConsumer {
    void accept(ResultSet rs) throws SQLException;
  }
}
