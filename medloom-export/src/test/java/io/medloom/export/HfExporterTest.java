package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.store.DatasetReader;
import io.medloom.store.StoredSample;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfExporterTest {
  @TempDir static Path tmp;
  static Path dataset;
  static Path out;
  static ExportResult result;

  @BeforeAll
  static void export() throws Exception {
    dataset = Phantom.build(tmp);
    out = tmp.resolve("hf");
    result = new HfExporter().export(dataset, out);
  }

  @Test
  void writesOneParquetPerSplitWithTheMedTrinityColumns() throws Exception {
    assertThat(result.samples()).isEqualTo(Phantom.SAMPLES);
    Map<String, Long> expected = new HashMap<>();
    List<StoredSample> stored = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(dataset)) {
      r.forEach(Optional.empty(), stored::add);
      r.query(
          "SELECT split, count(*) FROM samples GROUP BY split",
          rs -> {
            while (rs.next()) {
              expected.put(rs.getString(1), rs.getLong(2));
            }
          });
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String split : List.of("train", "val", "test")) {
        String file = out.resolve("data/" + split + "-00000-of-00001.parquet").toString();
        try (ResultSet rs =
            st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
          List<String> cols = new ArrayList<>();
          while (rs.next()) {
            cols.add(rs.getString(1) + " " + rs.getString(2));
          }
          assertThat(cols)
              .containsExactly(
                  "file_name VARCHAR",
                  "caption VARCHAR",
                  "source VARCHAR",
                  "image STRUCT(bytes BLOB, path VARCHAR)");
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
          rs.next();
          assertThat(rs.getLong(1)).as(split).isEqualTo(expected.get(split));
        }
        try (ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM parquet_kv_metadata('"
                    + file
                    + "') WHERE decode(key) = 'huggingface'")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(1);
        }
      }
      // Caption and image of one sample match what the dataset stores, by the shared rule.
      StoredSample s = stored.get(0);
      String glob = out.resolve("data/*.parquet").toString();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT caption, source, image.bytes, image.path FROM read_parquet('"
                  + glob
                  + "') WHERE file_name = '"
                  + s.id()
                  + ".png'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(Rows.caption(Rows.texts(s))).isNotBlank();
        assertThat(rs.getString(2)).isEqualTo(s.source());
        java.sql.Blob b = (java.sql.Blob) rs.getObject(3);
        assertThat(b.getBytes(1, (int) b.length())).isEqualTo(s.png());
        assertThat(rs.getString(4)).isEqualTo(s.id() + ".png");
      }
    }
  }

  @Test
  void writesADatasetCard() throws Exception {
    String card = java.nio.file.Files.readString(out.resolve("README.md"));
    assertThat(card)
        .startsWith("---\n")
        .contains("path: data/train-*", "CC0-1.0", "findings", "sex", "| train |", "dtype: image");
    assertThat(result.files()).contains("README.md");
  }
}
