package io.medloom.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * Writes one shard of rows to a Parquet file through embedded DuckDB: rows go into a staging table
 * (nested columns as JSON text), and one {@code COPY ... TO ... (FORMAT parquet)} casts them to the
 * typed schema of {@link ParquetSchema} and writes the file. DuckDB gives us a tested Parquet
 * writer with nested types and zstd, without Hadoop on the class path.
 */
public final class ParquetShardWriter implements AutoCloseable {
  private final Connection conn;

  public ParquetShardWriter() throws SQLException {
    conn = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = conn.createStatement()) {
      // The build's worker threads already use the cores; one DuckDB thread keeps writing steady
      // and keeps row order within a shard deterministic.
      st.execute("SET threads TO 1");
      st.execute("SET preserve_insertion_order TO true");
    }
  }

  /** Writes {@code rows} (sorted by ordinal) to {@code target} atomically. */
  public void write(List<Row> rows, Path target) throws IOException {
    Path tmp = AtomicFiles.temporaryFor(target);
    Files.deleteIfExists(tmp);
    try (Statement st = conn.createStatement()) {
      st.execute(
          "CREATE OR REPLACE TEMP TABLE staging (ord BIGINT, id VARCHAR, source VARCHAR,"
              + " original_path VARCHAR, patient_key VARCHAR, study_key VARCHAR, split VARCHAR,"
              + " original_split VARCHAR, modality VARCHAR, body_part VARCHAR, view VARCHAR,"
              + " png BLOB, image_path VARCHAR, width INTEGER, height INTEGER, channels INTEGER,"
              + " labels VARCHAR, rois VARCHAR, texts VARCHAR, triplets VARCHAR,"
              + " content_hash VARCHAR, phash VARCHAR)");
      try (PreparedStatement ps =
          conn.prepareStatement(
              "INSERT INTO staging VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (Row r : rows) {
          int i = 1;
          ps.setLong(i++, r.ordinal());
          ps.setString(i++, r.id());
          ps.setString(i++, r.source());
          ps.setString(i++, r.originalPath());
          ps.setString(i++, r.patientKey());
          ps.setString(i++, r.studyKey());
          ps.setString(i++, r.split());
          if (r.originalSplit() == null) {
            ps.setNull(i++, Types.VARCHAR);
          } else {
            ps.setString(i++, r.originalSplit());
          }
          ps.setString(i++, r.modality());
          ps.setString(i++, r.bodyPart());
          ps.setString(i++, r.view());
          if (r.png() == null) { // text-only sample
            ps.setNull(i++, Types.BLOB);
            ps.setNull(i++, Types.VARCHAR);
          } else {
            ps.setBytes(i++, r.png());
            ps.setString(i++, r.imagePath());
          }
          ps.setInt(i++, r.width());
          ps.setInt(i++, r.height());
          ps.setInt(i++, r.channels());
          ps.setString(i++, r.labelsJson());
          ps.setString(i++, r.roisJson());
          ps.setString(i++, r.textsJson());
          ps.setString(i++, r.tripletsJson());
          if (r.contentHash() == null) {
            ps.setNull(i++, Types.VARCHAR);
          } else {
            ps.setString(i++, r.contentHash());
          }
          if (r.differenceHash() == null) {
            ps.setNull(i++, Types.VARCHAR);
          } else {
            ps.setString(i++, java.util.Arrays.toString(r.differenceHash()));
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      st.execute(
          "COPY (SELECT id, source, original_path, patient_key, study_key, split, original_split,"
              + " modality, body_part, view,"
              + " CASE WHEN png IS NULL THEN NULL ELSE {'bytes': png, 'path': image_path} END AS image,"
              + " nullif(width, 0) AS width, nullif(height, 0) AS height,"
              + " nullif(channels, 0) AS channels,"
              + " CAST(labels::JSON AS "
              + ParquetSchema.LABEL
              + "[]) AS labels,"
              + " CAST(rois::JSON AS "
              + ParquetSchema.ROI
              + "[]) AS rois,"
              + " CAST(texts::JSON AS "
              + ParquetSchema.TEXT
              + "[]) AS texts,"
              + " CAST(triplets::JSON AS "
              + ParquetSchema.TRIPLET
              + "[]) AS triplets, content_hash, CAST(phash::JSON AS BIGINT[]) AS phash"
              + " FROM staging ORDER BY ord, id) TO "
              + sqlString(tmp)
              + " (FORMAT parquet, COMPRESSION zstd)");
      st.execute("DROP TABLE staging");
    } catch (SQLException e) {
      throw new IOException("cannot write shard " + target + ": " + e.getMessage(), e);
    }
    AtomicFiles.publish(tmp, target);
  }

  /** A path as a single-quoted SQL string literal. */
  public static String sqlString(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
