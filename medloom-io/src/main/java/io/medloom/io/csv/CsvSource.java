package io.medloom.io.csv;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.model.Text;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.files.SourcePaths;
import io.medloom.io.image.RasterFiles;
import io.medloom.io.table.CsvTable;
import io.medloom.io.table.ListedOnce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code csv:FILE.csv} — any CSV with one row per image (or per study: a list-valued image cell
 * such as CXR-CLIP's {@code ['a.png', 'b.png']} gives one sample per image, all sharing the row's
 * labels, texts and patient). See {@link CsvSourceProvider#usage()} for the options. Rows CsvTable
 * flags (missing or extra columns, bad UTF-8) become one rejection each, as do a label outside its
 * task's classes, a missing image file, and an image an earlier row (or cell) already named.
 */
final class CsvSource implements Source {
  /** One listed image: row {@code row} of the table, image {@code image} of its cell. */
  private record Entry(int row, String image) {}

  private final SourceSpec spec;
  private final SourceContext context;
  private final CsvOptions options;
  private final SourcePaths paths;
  private final CsvTable table;
  private final List<CsvTaskColumn> tasks;
  private final List<SourceItem> items = new ArrayList<>();
  private final List<Entry> entries = new ArrayList<>();

  CsvSource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.context = context;
    Path csv = Path.of(spec.location()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(csv)) {
      throw new IOException("csv source: no such file: " + csv);
    }
    this.table = CsvTable.read(csv);
    this.options = CsvOptions.parse(spec, table);
    this.tasks = CsvTaskColumn.parse(spec, table);
    this.paths = SourcePaths.of(options.imageDir(), spec);
    String name = csv.getFileName().toString();
    ListedOnce listed = new ListedOnce();
    for (int r = 0; r < table.rows().size(); r++) {
      CsvTable.Row row = table.rows().get(r);
      List<String> images = CsvTable.listCell(row.get(options.image()), "\u0000");
      if (row.problem().isPresent() || images.isEmpty()) {
        String problem =
            row.problem()
                .orElse("CSV line " + row.line() + ": empty image cell " + options.image());
        add(
            new Entry(r, ""),
            new SourceItem(items.size(), name + ":" + row.line(), Optional.of(problem)));
        continue;
      }
      // The patient as read() takes it, only to tell "same patient" from "another" in a rejection.
      String patient = options.patient().map(row::get).orElse(images.get(0));
      for (String image : images) {
        Optional<String> repeat =
            listed.claim(image, row.line(), patient, "CSV line " + row.line());
        add(new Entry(r, image), new SourceItem(items.size(), image, repeat));
      }
    }
  }

  private void add(Entry e, SourceItem item) {
    entries.add(e);
    items.add(item);
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(items.size());
  }

  @Override
  public List<Task> tasks() {
    return tasks.stream().map(CsvTaskColumn::task).toList();
  }

  @Override
  public String license() {
    return spec.option("license", "unknown");
  }

  @Override
  public Set<String> identifiers() {
    Set<String> ids = new TreeSet<>();
    for (CsvTable.Row r : table.rows()) {
      options.patient().ifPresent(c -> ids.add(r.get(c)));
      options.study().ifPresent(c -> ids.add(r.get(c)));
    }
    ids.remove("");
    return ids;
  }

  @Override
  public Iterator<SourceItem> items() {
    return items.iterator();
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    Entry e = entries.get((int) item.ordinal());
    CsvTable.Row row = table.rows().get(e.row());
    List<Label> labels = new ArrayList<>();
    for (CsvTaskColumn t : tasks) {
      t.label(row).ifPresent(labels::add);
    }
    Path file;
    try {
      file = paths.resolve(e.image());
    } catch (IOException x) {
      throw new IOException("line " + row.line() + ": " + x.getMessage(), x);
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("line " + row.line() + ": image file not found: " + file);
    }
    Raster raster =
        RasterFiles.read(
            file,
            new RasterFiles.DecodeOptions(
                context.maxPixels(), options.trustContent(), context.targetSize()));
    // Without id columns, a row's images stay together: its first image stands for the patient.
    String first = CsvTable.listCell(row.get(options.image()), "\u0000").get(0);
    String patient = cell(row, options.patient(), first, "patient");
    String study = cell(row, options.study(), patient + "|" + first, "study");
    Sample s =
        Sample.read(
            SampleIds.of(spec.kind(), e.image(), 0),
            spec.name(),
            e.image(),
            new Identity(patient, study),
            options.modality().valueIn(row, "OT"),
            options.bodyPart().valueIn(row, ""),
            options.view().valueIn(row, ""),
            raster);
    List<Text> texts = new ArrayList<>();
    for (Map.Entry<String, String> t : new TreeMap<>(options.texts()).entrySet()) {
      String text = row.get(t.getValue());
      if (!text.isEmpty()) {
        texts.add(Text.of(t.getKey(), text, "source"));
      }
    }
    Optional<String> split = options.split().map(row::get).filter(v -> !v.isEmpty());
    return List.of(s.withLabels(labels).withTexts(texts).withOriginalSplit(split));
  }

  private static String cell(
      CsvTable.Row row, Optional<String> column, String fallback, String what) throws IOException {
    if (column.isEmpty()) {
      return fallback;
    }
    String v = row.get(column.get());
    if (v.isEmpty()) {
      throw new IOException("line " + row.line() + ": empty " + what + " column " + column.get());
    }
    return v;
  }
}
