package io.medloom.store;

import io.medloom.core.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads one shard's rows in file order as samples, with each row's ordinal: the form a stage re-run
 * needs to rewrite a shard row for row. The SQL and the row codec stay inside the store.
 */
public final class ShardRows {
  private ShardRows() {}

  /** Receives one decoded row. */
  @FunctionalInterface
  public interface Visitor {
    void accept(StoredSample stored, long ordinal, Sample sample) throws SQLException;
  }

  /** Visits every row of {@code shard} in file order through an open DuckDB statement. */
  public static void forEach(Statement st, Path shard, Visitor visitor)
      throws SQLException, IOException {
    String sql =
        StoredSample.SELECT.replace(
                "FROM samples",
                ", original_split, file_row_number FROM read_parquet("
                    + ParquetShardWriter.sqlString(shard)
                    + ", file_row_number = true)")
            + " ORDER BY file_row_number";
    try (ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        StoredSample stored = StoredSample.from(rs);
        long ordinal = rs.getLong("file_row_number");
        visitor.accept(stored, ordinal, RowDecoder.decode(stored, rs.getString("original_split")));
      }
    }
  }
}
