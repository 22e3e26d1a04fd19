package io.medloom.io.medimeta;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.source.ReadBudget;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.files.SourcePaths;
import io.medloom.io.image.RasterFiles;
import io.medloom.io.table.CsvTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * {@code medimeta:DIR} — one MedIMeta dataset directory: {@code info.yaml} (tasks, sample count),
 * the images either as {@code images/NNNNNN.tiff} or as {@code images.hdf5} (option {@code
 * images=tiff|hdf5}; default: the TIFFs when the {@code images} folder exists, else the HDF5 file;
 * both give the same sample ids, {@code images/NNNNNN.tiff} naming the row either way), {@code
 * task_labels/<task>.npy}, {@code splits/<split>.txt} (kept as the original split; option {@code
 * splits=original_splits} takes the source dataset's split instead) and, if present, {@code
 * annotations.csv}, whose {@code patient_id} becomes the patient. Without a patient id each image
 * is its own patient, as in MedIMeta's own loader.
 */
final class MedimetaSource implements Source {
  private static final List<String> SPLITS = List.of("train", "val", "test");

  private final SourceSpec spec;
  private final SourceContext context;
  private final Path root;
  private final MedimetaInfo info;
  private final List<TaskLabels> labels = new ArrayList<>();
  private final SourcePaths paths;
  private final Map<Integer, String> splits;
  private final Map<String, CsvTable.Row> annotations = new HashMap<>();
  private final Hdf5Images hdf5;

  MedimetaSource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.context = context;
    this.root = Path.of(spec.location()).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IOException("medimeta source: not a directory: " + root);
    }
    this.paths = SourcePaths.of(root, spec);
    ReadBudget budget = context.budget();
    this.info = MedimetaInfo.read(paths.resolve("info.yaml"));
    for (Task t : info.tasks()) {
      labels.add(
          TaskLabels.read(
              paths.resolve("task_labels/" + t.name() + ".npy"), t, info.total(), budget));
    }
    this.splits = readSplits(spec.option("splits", "splits"), budget);
    this.hdf5 = openHdf5(budget);
    Path csv = paths.resolve("annotations.csv");
    if (Files.isRegularFile(csv)) {
      CsvTable table = CsvTable.read(csv);
      if (!table.header().contains("filepath")) {
        throw new IOException(csv + " has no 'filepath' column; columns: " + table.header());
      }
      table.rows().forEach(r -> annotations.put(r.get("filepath"), r));
    }
  }

  /** The HDF5 images when they are the ones to read, else null. */
  private Hdf5Images openHdf5(ReadBudget budget) throws IOException {
    boolean tiffs = Files.isDirectory(paths.resolve("images"));
    String from = spec.option("images", tiffs ? "tiff" : "hdf5");
    if (from.equals("tiff")) {
      return null;
    }
    if (!from.equals("hdf5")) {
      throw new IOException("medimeta option images must be tiff or hdf5: " + from);
    }
    Path h5 = paths.resolve("images.hdf5");
    if (!Files.isRegularFile(h5)) {
      throw new IOException("medimeta source: neither an images folder nor images.hdf5 in " + root);
    }
    return Hdf5Images.open(h5, info.total(), budget);
  }

  /**
   * Split name per image index (absent when no split file lists it); a map, not an array of
   * total_num_samples entries, so a lying count in info.yaml cannot reserve gigabytes.
   */
  private Map<Integer, String> readSplits(String dir, ReadBudget budget) throws IOException {
    if (!dir.equals("splits") && !dir.equals("original_splits")) {
      throw new IOException("medimeta option splits must be splits or original_splits: " + dir);
    }
    Map<Integer, String> out = new HashMap<>();
    for (String split : SPLITS) {
      Path f = paths.resolve(dir + "/" + split + ".txt");
      if (!Files.isRegularFile(f)) {
        continue; // MedIMeta omits empty split files
      }
      budget.checkBytes(f.toString(), Files.size(f));
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int l = 0; l < lines.size(); l++) {
        String line = lines.get(l).trim();
        if (line.isEmpty()) {
          continue;
        }
        int i = indexOf(line, f + " line " + (l + 1));
        String before = out.putIfAbsent(i, split);
        if (before != null) {
          throw new IOException(
              f + " line " + (l + 1) + ": " + line + " is already in split " + before);
        }
      }
    }
    return out;
  }

  /** MedIMeta's loader rule: the index is the file name's stem, "images/000123.tiff" → 123. */
  private int indexOf(String line, String where) throws IOException {
    String name = line.substring(line.lastIndexOf('/') + 1);
    int dot = name.indexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    int i;
    try {
      i = Integer.parseInt(stem);
    } catch (NumberFormatException e) {
      throw new IOException(where + ": '" + line + "' does not name an image index", e);
    }
    if (i < 0 || i >= info.total()) {
      throw new IOException(
          where + ": '" + line + "' is outside the " + info.total() + " images of info.yaml");
    }
    return i;
  }

  static String file(int i) {
    return String.format(Locale.ROOT, "images/%06d.tiff", i);
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(info.total());
  }

  @Override
  public List<Task> tasks() {
    return info.tasks();
  }

  @Override
  public String license() {
    return info.license();
  }

  @Override
  public Set<String> identifiers() {
    Set<String> ids = new TreeSet<>();
    annotations.values().forEach(r -> ids.add(r.get("patient_id")));
    ids.remove("");
    return ids;
  }

  @Override
  public Iterator<SourceItem> items() {
    return IntStream.range(0, info.total()).mapToObj(i -> SourceItem.of(i, file(i))).iterator();
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    int i = (int) item.ordinal();
    String file = file(i);
    Path tiff = paths.resolve(file);
    if (hdf5 == null && !Files.isRegularFile(tiff)) {
      throw new IOException(
          "missing image " + file + " (info.yaml announces " + info.total() + ")");
    }
    Optional<CsvTable.Row> row = Optional.ofNullable(annotations.get(file));
    if (row.isPresent() && row.get().problem().isPresent()) {
      throw new IOException("annotations.csv: " + row.get().problem().get());
    }
    List<Label> ls = new ArrayList<>();
    for (TaskLabels t : labels) {
      try {
        t.label(i).ifPresent(ls::add);
      } catch (IOException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }
    Raster raster =
        hdf5 != null
            ? constantChecked(hdf5.read(i), file)
            : RasterFiles.read(
                tiff, new RasterFiles.DecodeOptions(context.budget(), false, context.targetSize()));
    // The dataset id keeps two MedIMeta datasets from sharing ids for images/000000.tiff.
    String key = info.id() + "/" + file;
    String patient = row.map(r -> r.get("patient_id")).filter(p -> !p.isEmpty()).orElse(key);
    Sample s =
        Sample.read(
            SampleIds.of(spec.kind(), key, 0),
            spec.name(),
            file,
            new Identity(patient, key),
            column(row, "modality", "OT"),
            column(row, "body_part", ""),
            column(row, "view", ""),
            raster);
    return List.of(s.withLabels(ls).withOriginalSplit(Optional.ofNullable(splits.get(i))));
  }

  /** Refuses a constant image as the TIFF decoder does: there is nothing to learn from it. */
  static Raster constantChecked(Raster r, String file) throws IOException {
    byte[] p = r.pixels();
    for (int j = r.channels(); j < p.length; j++) {
      if (p[j] != p[j % r.channels()]) {
        return r;
      }
    }
    throw new IOException(
        "images.hdf5 row of "
            + file
            + ": constant image (every pixel has the value "
            + (p[0] & 0xff)
            + "; a blank frame, nothing to learn from)");
  }

  /**
   * A source option wins; then the annotations column (our exporter writes these); then a default.
   */
  private String column(Optional<CsvTable.Row> row, String name, String fallback) {
    String fromCsv = row.map(r -> r.get(name)).filter(v -> !v.isEmpty()).orElse(fallback);
    return spec.option(name, fromCsv);
  }
}
