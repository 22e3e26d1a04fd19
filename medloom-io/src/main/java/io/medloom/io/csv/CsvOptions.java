package io.medloom.io.csv;

import io.medloom.core.model.Text;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.table.CsvTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The options of a {@code csv:} source, checked against the CSV's header when the source opens, so
 * a misspelt column or option fails once, up front, instead of rejecting every row.
 *
 * @param image column holding the image path (or a Python list of paths)
 * @param imageDir folder the image paths are relative to (default: the CSV's folder)
 * @param texts text kind (e.g. {@code report.findings}) to the column holding it
 */
record CsvOptions(
    String image,
    Path imageDir,
    Optional<String> patient,
    Optional<String> study,
    Optional<String> split,
    Map<String, String> texts,
    ColumnOrValue modality,
    ColumnOrValue bodyPart,
    ColumnOrValue view,
    boolean trustContent) {

  private static final Set<String> PLAIN =
      Set.of(
          "image",
          "image_dir",
          "tasks",
          "patient",
          "study",
          "split",
          "modality",
          "body_part",
          "view",
          "extension",
          "license",
          "paths",
          "files");
  private static final List<String> PREFIXES = List.of("classes.", "separator.", "text.");

  /**
   * A column name, or else a constant: {@code modality=US} for a whole ultrasound CSV, {@code
   * view=ViewPosition} for a per-row view. A column of that name wins.
   */
  record ColumnOrValue(Optional<String> column, String value) {
    String valueIn(CsvTable.Row row, String fallback) {
      String v = column.map(row::get).orElse(value);
      return v.isEmpty() ? fallback : v;
    }
  }

  static CsvOptions parse(SourceSpec spec, CsvTable table) throws IOException {
    for (String key : spec.options().keySet()) {
      if (!PLAIN.contains(key) && PREFIXES.stream().noneMatch(key::startsWith)) {
        throw new IOException(
            "csv source: unknown option '"
                + key
                + "'; known: "
                + PLAIN
                + " and "
                + PREFIXES
                + "<name>");
      }
    }
    Path csvDir = table.file().toAbsolutePath().getParent();
    String image =
        column(spec, table, "image")
            .orElseThrow(
                () ->
                    new IOException("csv source needs option image=<column with the image path>"));
    Map<String, String> texts = new TreeMap<>();
    for (Map.Entry<String, String> o : spec.options().entrySet()) {
      if (o.getKey().startsWith("text.")) {
        String kind = o.getKey().substring("text.".length());
        if (!Text.KINDS.contains(kind)) {
          throw new IOException(
              "csv option "
                  + o.getKey()
                  + ": unknown text kind '"
                  + kind
                  + "'; kinds: "
                  + new java.util.TreeSet<>(Text.KINDS));
        }
        texts.put(kind, column(spec, table, o.getKey()).orElseThrow());
      }
    }
    String ext = spec.option("extension", "");
    if (!ext.isEmpty() && !ext.equals("trust-content")) {
      throw new IOException("csv option extension must be trust-content, got '" + ext + "'");
    }
    return new CsvOptions(
        image,
        csvDir.resolve(spec.option("image_dir", ".")).normalize(),
        column(spec, table, "patient"),
        column(spec, table, "study"),
        column(spec, table, "split"),
        texts,
        columnOrValue(spec, table, "modality"),
        columnOrValue(spec, table, "body_part"),
        columnOrValue(spec, table, "view"),
        ext.equals("trust-content"));
  }

  /** The column an option names; refuses a name the header lacks. */
  private static Optional<String> column(SourceSpec spec, CsvTable table, String option)
      throws IOException {
    String c = spec.options().get(option);
    if (c == null) {
      return Optional.empty();
    }
    if (!table.header().contains(c)) {
      throw new IOException(
          "csv option "
              + option
              + "="
              + c
              + ": no such column in "
              + table.file().getFileName()
              + "; columns: "
              + table.header());
    }
    return Optional.of(c);
  }

  private static ColumnOrValue columnOrValue(SourceSpec spec, CsvTable table, String option) {
    String v = spec.option(option, "");
    return !v.isEmpty() && table.header().contains(v)
        ? new ColumnOrValue(Optional.of(v), "")
        : new ColumnOrValue(Optional.empty(), v);
  }
}
