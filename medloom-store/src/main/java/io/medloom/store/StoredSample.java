package io.medloom.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A row read back from a dataset. Nested columns stay JSON text (from DuckDB's {@code to_json}) so
 * that readers decide what they need; the image stays PNG bytes until a loader decodes it.
 */
public record StoredSample(
    String id,
    String source,
    String originalPath,
    String patientKey,
    String studyKey,
    String split,
    String modality,
    String bodyPart,
    String view,
    byte[] png,
    int width,
    int height,
    int channels,
    String labelsJson,
    String roisJson,
    String textsJson,
    String tripletsJson) {

  static final String SELECT =
      "SELECT id, source, original_path, patient_key, study_key, split, modality, body_part, view,"
          + " image.bytes AS png, width, height, channels, to_json(labels) AS labels,"
          + " to_json(rois) AS rois, to_json(texts) AS texts, to_json(triplets) AS triplets"
          + " FROM samples";

  /** DuckDB's JDBC driver hands BLOBs out as {@link java.sql.Blob}, not through getBytes. */
  static byte[] bytes(ResultSet rs, String column) throws SQLException {
    Object o = rs.getObject(column);
    if (o == null || rs.wasNull()) {
      return null; // a text-only sample (the driver hands out an empty Blob for NULL)
    }
    if (o instanceof java.sql.Blob b) {
      return b.getBytes(1, (int) b.length());
    }
    return (byte[]) o;
  }

  static StoredSample from(ResultSet rs) throws SQLException {
    return new StoredSample(
        rs.getString("id"),
        rs.getString("source"),
        rs.getString("original_path"),
        rs.getString("patient_key"),
        rs.getString("study_key"),
        rs.getString("split"),
        rs.getString("modality"),
        rs.getString("body_part"),
        rs.getString("view"),
        bytes(rs, "png"),
        rs.getInt("width"),
        rs.getInt("height"),
        rs.getInt("channels"),
        rs.getString("labels"),
        rs.getString("rois"),
        rs.getString("texts"),
        rs.getString("triplets"));
  }
}
