package io.medloom.store;

import java.util.List;

/**
 * The row schema of {@code samples/part-*.parquet} (DESIGN §3), as DuckDB types. Column names are
 * the on-disk contract shared with the Spark runner and every reader.
 */
public final class ParquetSchema {
  private ParquetSchema() {}

  public static final String LABEL =
      "STRUCT(task VARCHAR, \"index\" INTEGER, indices INTEGER[], name VARCHAR, value DOUBLE)";
  public static final String ROI =
      "STRUCT(id VARCHAR, label VARCHAR, box INTEGER[], mask_rle VARCHAR, area_fraction DOUBLE,"
          + " origin VARCHAR, confidence DOUBLE, attributes MAP(VARCHAR, VARCHAR))";
  public static final String TEXT =
      "STRUCT(kind VARCHAR, text VARCHAR, origin VARCHAR, roi_id VARCHAR)";
  public static final String TRIPLET =
      "STRUCT(anatomy VARCHAR, finding VARCHAR, existence VARCHAR, sentence VARCHAR)";

  /** Column names in order. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "source",
          "original_path",
          "patient_key",
          "study_key",
          "split",
          "original_split",
          "modality",
          "body_part",
          "view",
          "image",
          "width",
          "height",
          "channels",
          "labels",
          "rois",
          "texts",
          "triplets",
          // Extension of the DESIGN schema: fingerprints for duplicate detection.
          "content_hash",
          "phash");
}
