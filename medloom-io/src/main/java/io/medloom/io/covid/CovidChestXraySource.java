package io.medloom.io.covid;

import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.model.Text;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.coco.CocoBoxes;
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
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * {@code covid-chestxray:DIR} — the COVID-19 Image Data Collection layout: {@code DIR/metadata.csv}
 * with one row per image in {@code DIR/<folder>/<filename>}. The {@code finding} cell becomes the
 * multilabel task {@code finding} (a cell may name several, comma-separated), {@code sex} a binary
 * task, {@code view} the view, {@code clinical_notes} a text, {@code patientid} the patient (keyed
 * later) and {@code patientid + offset} the study. Images are read by content: the collection has
 * PNGs named {@code .jpg}. The collection lists a few images on two rows, under two patient ids
 * (the same case entered twice): the first row keeps the image, the later one is a rejection that
 * names both rows. With the option {@code boxes=FILE} (COCO), the boxes it lists for an image
 * become that sample's {@code origin=box} regions ({@link CocoBoxes}).
 */
final class CovidChestXraySource implements Source {
  static final Task SEX = Task.of("sex", TaskTarget.BINARY, List.of("female", "male"));

  private final SourceSpec spec;
  private final SourceContext context;
  private final Path root;
  private final CsvTable table;
  private final Task finding;
  private final List<SourceItem> listing;
  private final Optional<CocoBoxes> boxes;

  CovidChestXraySource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.context = context;
    this.root = Path.of(spec.location()).toAbsolutePath().normalize();
    Path csv = root.resolve("metadata.csv");
    if (!Files.isRegularFile(csv)) {
      throw new IOException("covid-chestxray source: no metadata.csv in " + root);
    }
    this.table = CsvTable.read(csv);
    for (String col : List.of("patientid", "finding", "folder", "filename")) {
      if (!table.header().contains(col)) {
        throw new IOException("covid-chestxray source: metadata.csv has no column '" + col + "'");
      }
    }
    TreeSet<String> classes = new TreeSet<>();
    table.rows().stream()
        .filter(r -> r.problem().isEmpty())
        .forEach(r -> classes.addAll(findings(r.get("finding"))));
    this.finding = Task.of("finding", TaskTarget.MULTILABEL, List.copyOf(classes));
    this.listing = list();
    this.boxes = CocoBoxes.fromOption(spec, root);
  }

  private static List<String> findings(String cell) {
    return CsvTable.listCell(cell, ",");
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(table.rows().size());
  }

  @Override
  public List<Task> tasks() {
    return List.of(finding, SEX);
  }

  @Override
  public java.util.Set<String> identifiers() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    for (CsvTable.Row r : table.rows()) {
      if (!r.get("patientid").isEmpty()) {
        ids.add(r.get("patientid"));
      }
    }
    return ids;
  }

  @Override
  public String license() {
    return "per image (see metadata.csv license column); metadata CC BY-NC-SA 4.0";
  }

  @Override
  public Iterator<SourceItem> items() {
    return listing.iterator();
  }

  /**
   * One item per row, in row order. A row the table flags, or one without a patient or finding, is
   * a rejection; so is a row naming an image an earlier row listed (see {@link ListedOnce}).
   */
  private List<SourceItem> list() {
    ListedOnce listed = new ListedOnce();
    List<SourceItem> out = new ArrayList<>(table.rows().size());
    for (int i = 0; i < table.rows().size(); i++) {
      CsvTable.Row r = table.rows().get(i);
      if (r.problem().isPresent()) {
        out.add(new SourceItem(i, "metadata.csv:" + r.line(), r.problem()));
        continue;
      }
      String path = r.get("folder") + "/" + r.get("filename");
      Optional<String> problem;
      if (r.get("patientid").isEmpty()) {
        problem = Optional.of("metadata.csv line " + r.line() + " has no patientid");
      } else if (findings(r.get("finding")).isEmpty()) {
        problem = Optional.of("metadata.csv line " + r.line() + " has no finding");
      } else {
        problem = listed.claim(path, r.line(), r.get("patientid"), "metadata.csv line " + r.line());
      }
      out.add(new SourceItem(i, path, problem));
    }
    return List.copyOf(out);
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    CsvTable.Row r = table.rows().get((int) item.ordinal());
    String patient = r.get("patientid");
    List<String> found = findings(r.get("finding"));
    var raster =
        RasterFiles.read(
            SourcePaths.of(root, spec).resolve(item.path()),
            new RasterFiles.DecodeOptions(context.maxPixels(), true, context.targetSize()));
    Sample s =
        Sample.read(
            SampleIds.of(spec.kind(), item.path(), 0),
            spec.name(),
            item.path(),
            new Identity(patient, patient + "|" + r.get("offset") + "|" + r.get("date")),
            modality(r.get("modality")),
            "CHEST",
            view(r.get("view")),
            raster);
    List<Label> labels = new ArrayList<>();
    labels.add(Label.multi(finding, found));
    String sex = r.get("sex").toUpperCase(Locale.ROOT);
    if (sex.equals("F") || sex.equals("M")) {
      labels.add(Label.single(SEX, sex.equals("M") ? 1 : 0));
    }
    List<Text> texts = new ArrayList<>();
    if (!r.get("clinical_notes").isEmpty()) {
      texts.add(Text.of("clinical_notes", r.get("clinical_notes"), "source"));
    }
    Sample out = s.withLabels(labels).withTexts(texts);
    if (boxes.isPresent()) {
      out = out.withRois(boxes.get().regions(item.path(), raster.width(), raster.height()));
    }
    return List.of(out);
  }

  private static String modality(String m) {
    return switch (m.toLowerCase(Locale.ROOT)) {
      case "ct" -> "CT";
      case "x-ray", "xray", "cxr" -> "DX";
      default -> "OT";
    };
  }

  /** Normalizes the collection's view names to DICOM-like ones (AP Supine is still AP). */
  private static String view(String v) {
    String u = v.toUpperCase(Locale.ROOT);
    if (u.startsWith("AP")) {
      return "AP";
    }
    if (u.equals("L") || u.startsWith("LAT")) {
      return "LATERAL";
    }
    return u;
  }
}
