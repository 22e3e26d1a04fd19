package io.medloom.engine;

import io.medloom.store.AtomicFiles;
import io.medloom.store.BuildDirectory;
import io.medloom.store.Duplicates;
import io.medloom.store.ParquetShardWriter;
import io.medloom.store.ShardRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rewrites the shards that hold rows of patients whose split changes (see {@link Duplicates}): row
 * order kept, each shard replaced atomically, its marker updated with the new checksum and split
 * counts. Shards without such rows are left untouched.
 */
final class SplitReassigner {
  private SplitReassigner() {}

  static List<ShardRecord> apply(
      BuildDirectory dir, List<ShardRecord> records, Map<String, String> moved)
      throws IOException, SQLException {
    if (moved.isEmpty()) {
      return records;
    }
    List<ShardRecord> out = new ArrayList<>(records.size());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET threads TO 1");
      st.execute("CREATE TABLE moved (k VARCHAR, target VARCHAR)");
      // Appended: DuckDB runs a batch of INSERTs row by row.
      try (org.duckdb.DuckDBAppender app =
          c.unwrap(org.duckdb.DuckDBConnection.class)
              .createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "moved")) {
        for (var e : moved.entrySet()) {
          app.beginRow().append(e.getKey()).append(e.getValue()).endRow();
        }
      }
      for (ShardRecord r : records) {
        if (r.file().isEmpty()) {
          out.add(r);
          continue;
        }
        Path shard = dir.layout().samples().resolve(r.file().get());
        String src =
            "read_parquet(" + ParquetShardWriter.sqlString(shard) + ", file_row_number = true)";
        long affected;
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM "
                    + src
                    + " s JOIN moved m ON s.patient_key = m.k"
                    + " WHERE s.split <> m.target")) {
          rs.next();
          affected = rs.getLong(1);
        }
        if (affected == 0) {
          out.add(r);
          continue;
        }
        Path tmp = AtomicFiles.temporaryFor(shard);
        Files.deleteIfExists(tmp);
        st.execute(
            "COPY (SELECT s.* EXCLUDE (file_row_number) REPLACE (coalesce(m.target, s.split) AS split)"
                + " FROM "
                + src
                + " s LEFT JOIN moved m ON s.patient_key = m.k"
                + " ORDER BY s.file_row_number) TO "
                + ParquetShardWriter.sqlString(tmp)
                + " (FORMAT parquet, COMPRESSION zstd)");
        AtomicFiles.publish(tmp, shard);
        Map<String, Long> splits = new TreeMap<>();
        try (ResultSet rs =
            st.executeQuery(
                "SELECT split, count(*) FROM read_parquet("
                    + ParquetShardWriter.sqlString(shard)
                    + ") GROUP BY split")) {
          while (rs.next()) {
            splits.put(rs.getString(1), rs.getLong(2));
          }
        }
        ShardRecord updated =
            new ShardRecord(
                r.shard(),
                r.sourceIndex(),
                r.file(),
                AtomicFiles.sha256(shard),
                r.counts(),
                splits,
                r.modalities(),
                r.bodyParts(),
                r.channels(),
                r.labelTasks());
        dir.updateShardRecord(updated);
        out.add(updated);
      }
    }
    return out;
  }
}
