package io.medloom.export;

import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Task;
import io.medloom.store.DatasetLayout;
import io.medloom.store.DatasetReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Hugging Face dataset repository in the MedTrinity-25M column layout: {@code
 * data/<split>-00000-of-00001.parquet} with {@code file_name}, {@code caption}, {@code source} and
 * {@code image} {bytes, path}, plus a {@code README.md} dataset card. DuckDB copies the rows
 * straight from the dataset's shards, so images are never decoded.
 */
public final class HfExporter implements Exporter {
  /** Tells {@code datasets} that {@code image} is an Image feature, not a plain struct. */
  static final String HF_FEATURES =
      "{\"info\": {\"features\": {"
          + "\"file_name\": {\"dtype\": \"string\", \"_type\": \"Value\"},"
          + " \"caption\": {\"dtype\": \"string\", \"_type\": \"Value\"},"
          + " \"source\": {\"dtype\": \"string\", \"_type\": \"Value\"},"
          + " \"image\": {\"_type\": \"Image\"}}}}";

  @Override
  public String format() {
    return "hf";
  }

  @Override
  public String description() {
    return "Hugging Face parquet (MedTrinity-25M columns file_name, caption, source, image) +"
        + " README";
  }

  @Override
  public ExportResult export(Path dataset, Path out) throws IOException {
    return ExportRun.run(format(), dataset, out, this::write);
  }

  /** The first non-blank text of {@code kind} in the row's {@code texts} list, or NULL. */
  /** The caption rule ({@link io.medloom.store.read.Caption}), in SQL. */
  static String captionSql() {
    return io.medloom.store.read.Caption.sql();
  }

  static String sql(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private long write(DatasetReader reader, ExportDir dir) throws IOException, SQLException {
    Path shards = new DatasetLayout(reader.layout().root()).samples().resolve("*.parquet");
    Map<String, Long> counts = new LinkedHashMap<>();
    long total = 0;
    Files.createDirectories(dir.dir().resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      // filename + file_row_number keep the dataset's shard order in every split file.
      st.execute(
          "CREATE VIEW rows AS SELECT * FROM read_parquet("
              + sql(shards.toAbsolutePath().toString())
              + ", filename = true, file_row_number = true)");
      for (String split : MedimetaFiles.SPLITS) {
        long n;
        try (var rs = st.executeQuery("SELECT count(*) FROM rows WHERE split = " + sql(split))) {
          rs.next();
          n = rs.getLong(1);
        }
        counts.put(split, n);
        total += n;
        if (n == 0) {
          continue; // an empty parquet file would make `datasets` report a split with no rows
        }
        Path file = dir.dir().resolve("data/" + split + "-00000-of-00001.parquet");
        st.execute(
            "COPY (SELECT id || '.png' AS file_name, "
                + captionSql()
                + " AS caption, source, {'bytes': image.bytes, 'path': id || '.png'} AS image"
                + " FROM rows WHERE split = "
                + sql(split)
                + " ORDER BY filename, file_row_number) TO "
                + sql(file.toString())
                + " (FORMAT parquet, KV_METADATA {huggingface: "
                + sql(HF_FEATURES)
                + "})");
      }
    }
    long expected = reader.count("SELECT count(*) FROM samples");
    if (total != expected) {
      throw new IOException(
          "exported "
              + total
              + " rows by split "
              + counts
              + " but the dataset has "
              + expected
              + " (rows with a split other than train/val/test?)");
    }
    Files.writeString(
        dir.resolve("README.md"), card(reader.info(), counts), StandardCharsets.UTF_8);
    return total;
  }

  /** The dataset card: YAML front matter the Hub reads (splits, features), then a summary. */
  static String card(DatasetInfo info, Map<String, Long> counts) {
    StringBuilder b = new StringBuilder("---\n");
    b.append("pretty_name: ").append(Text.yaml(info.name())).append('\n');
    // The Hub only accepts SPDX-like ids in `license`; the dataset's own wording is in the body.
    b.append("license: other\n");
    b.append("license_name: ").append(Text.yaml(info.license())).append('\n');
    b.append("configs:\n- config_name: default\n  data_files:\n");
    counts.forEach(
        (split, n) -> {
          if (n > 0) {
            b.append("  - split: ")
                .append(split)
                .append("\n    path: data/")
                .append(split)
                .append("-*\n");
          }
        });
    b.append("dataset_info:\n  features:\n");
    for (String col : new String[] {"file_name", "caption", "source"}) {
      b.append("  - name: ").append(col).append("\n    dtype: string\n");
    }
    b.append("  - name: image\n    dtype: image\n");
    b.append("  splits:\n");
    counts.forEach(
        (split, n) -> {
          if (n > 0) {
            b.append("  - name: ")
                .append(split)
                .append("\n    num_examples: ")
                .append(n)
                .append('\n');
          }
        });
    b.append("---\n\n# ").append(info.name()).append("\n\n").append(info.summary()).append("\n\n");
    b.append("- Domain: ").append(info.domain()).append('\n');
    b.append("- Modalities: ").append(String.join(", ", info.modalities())).append('\n');
    b.append("- Body parts: ").append(String.join(", ", info.bodyParts())).append('\n');
    b.append("- License: ").append(info.license()).append('\n');
    b.append("- Image size (C×H×W): ").append(info.inputSize()).append("\n\n");
    b.append("## Splits\n\n| split | samples |\n|---|---|\n");
    counts.forEach(
        (split, n) -> b.append("| ").append(split).append(" | ").append(n).append(" |\n"));
    b.append("\n## Tasks\n\n");
    if (info.tasks().isEmpty()) {
      b.append("None.\n");
    }
    for (Task t : info.tasks()) {
      b.append("- **")
          .append(t.name())
          .append("** (")
          .append(t.target().wireName())
          .append("): ")
          .append(String.join(", ", t.classes().values()))
          .append('\n');
    }
    b.append(
        "\nThe labels are not columns here (MedTrinity-25M has none); use the MedLoom dataset"
            + " or the `medimeta` export for them.\n\n");
    b.append("## Columns\n\n");
    b.append("- `file_name`: `<sample id>.png`\n");
    b.append(
        "- `caption`: the generated full description (`desc.full`) if present, else the report"
            + " (findings, then impression), else a caption or clinical notes, else empty\n");
    b.append("- `source`: the MedLoom source the sample came from\n");
    b.append("- `image`: PNG bytes and path\n\n");
    b.append("## Provenance\n\nBuilt by MedLoom ")
        .append(info.build().medloomVersion())
        .append(" (config ")
        .append(info.build().configHash())
        .append(", ")
        .append(info.build().createdAt())
        .append(").\n");
    if (!info.citation().isBlank()) {
      b.append("\n## Citation\n\n```\n").append(info.citation()).append("\n```\n");
    }
    return b.toString();
  }
}
