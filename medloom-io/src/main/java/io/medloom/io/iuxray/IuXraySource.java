package io.medloom.io.iuxray;

import io.medloom.core.image.Raster;
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
import io.medloom.io.files.SourcePaths;
import io.medloom.io.image.RasterFiles;
import io.medloom.io.table.CsvTable;
import io.medloom.io.table.ListedOnce;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * {@code iu-xray:DIR} — the Indiana University chest X-ray reports: {@code indiana_reports.csv}
 * (one report per study uid: Problems/MeSH labels and report sections) and {@code
 * indiana_projections.csv} (the study's image files and projections). With {@code images=DIR2} (a
 * folder holding the PNGs named in the projections file) each image becomes a sample carrying its
 * study's report; without images (as in the openly redistributable CSVs) each report becomes a
 * text-only sample, which the text engine and contrastive training can still use. The {@code
 * Problems} cell is the multilabel task {@code problems}. The uid is the study and, as IU gives no
 * patient id, also the patient.
 */
final class IuXraySource implements Source {
  private final SourceSpec spec;
  private final SourceContext context;
  private final CsvTable reports;
  private final Map<String, List<CsvTable.Row>> projections = new LinkedHashMap<>();
  private final Optional<Path> images;
  private final Task problems;
  private final List<Entry> entries = new ArrayList<>();

  /** One item: a report row, and the projection row of one of its images when images are read. */
  private record Entry(CsvTable.Row report, Optional<CsvTable.Row> projection, String path) {}

  IuXraySource(SourceSpec spec, SourceContext context) throws IOException {
    this.spec = spec;
    this.context = context;
    Path root = Path.of(spec.location()).toAbsolutePath().normalize();
    Path reportsCsv = root.resolve(spec.option("reports", "indiana_reports.csv"));
    if (!Files.isRegularFile(reportsCsv)) {
      throw new IOException("iu-xray source: no " + reportsCsv.getFileName() + " in " + root);
    }
    this.reports = CsvTable.read(reportsCsv);
    if (!reports.header().contains("uid") || !reports.header().contains("Problems")) {
      throw new IOException("iu-xray source: " + reportsCsv + " needs columns uid and Problems");
    }
    Path projectionsCsv = root.resolve(spec.option("projections", "indiana_projections.csv"));
    if (Files.isRegularFile(projectionsCsv)) {
      for (CsvTable.Row r : CsvTable.read(projectionsCsv).rows()) {
        projections.computeIfAbsent(r.get("uid"), k -> new ArrayList<>()).add(r);
      }
    }
    String imagesOption = spec.option("images", "");
    this.images = imagesOption.isEmpty() ? Optional.empty() : Optional.of(Path.of(imagesOption));
    TreeSet<String> classes = new TreeSet<>();
    for (CsvTable.Row r : reports.rows()) {
      if (r.problem().isEmpty()) {
        classes.addAll(CsvTable.listCell(r.get("Problems"), ";"));
      }
    }
    this.problems = Task.of("problems", TaskTarget.MULTILABEL, List.copyOf(classes));
    for (CsvTable.Row r : reports.rows()) {
      List<CsvTable.Row> views = projections.getOrDefault(r.get("uid"), List.of());
      if (images.isPresent() && !views.isEmpty() && r.problem().isEmpty()) {
        for (CsvTable.Row v : views) {
          entries.add(new Entry(r, Optional.of(v), v.get("filename")));
        }
      } else {
        entries.add(new Entry(r, Optional.empty(), "report/" + r.get("uid")));
      }
    }
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(entries.size());
  }

  @Override
  public List<Task> tasks() {
    return List.of(problems);
  }

  @Override
  public String license() {
    return "CC BY-NC-ND 4.0 (Open-i IU collection)";
  }

  @Override
  public Iterator<SourceItem> items() {
    List<SourceItem> items = new ArrayList<>(entries.size());
    // A uid or image file listed twice would give two samples with one id: the later one is a
    // rejection naming both lines.
    ListedOnce listed = new ListedOnce();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      Optional<String> problem = e.report().problem();
      if (problem.isEmpty()) {
        CsvTable.Row row = e.projection().orElse(e.report());
        String table = e.projection().isPresent() ? "projections" : "reports";
        problem =
            listed.claim(
                e.path(), row.line(), e.report().get("uid"), table + " line " + row.line());
      }
      items.add(new SourceItem(i, e.path(), problem));
    }
    return items.iterator();
  }

  @Override
  public List<Sample> read(SourceItem item) throws Exception {
    if (item.problem().isPresent()) {
      throw new IOException(item.problem().get());
    }
    Entry e = entries.get((int) item.ordinal());
    CsvTable.Row r = e.report();
    String uid = r.get("uid");
    if (uid.isEmpty()) {
      throw new IOException("reports line " + r.line() + " has no uid");
    }
    List<String> found = CsvTable.listCell(r.get("Problems"), ";");
    if (found.isEmpty()) {
      throw new IOException("reports line " + r.line() + " has no Problems label");
    }
    List<Text> texts = new ArrayList<>();
    addText(texts, "report.indication", r.get("indication"));
    addText(texts, "report.findings", r.get("findings"));
    addText(texts, "report.impression", r.get("impression"));
    if (texts.isEmpty()) {
      throw new IOException("report " + uid + " has no text in indication, findings or impression");
    }
    Identity identity = new Identity("iu-" + uid, "iu-" + uid);
    String id = SampleIds.of(spec.kind(), e.path(), 0);
    Sample s;
    if (e.projection().isPresent()) {
      Raster raster =
          RasterFiles.read(
              SourcePaths.of(images.get(), spec).resolve(e.path()),
              new RasterFiles.DecodeOptions(context.maxPixels(), true, context.targetSize()));
      String view =
          e.projection().get().get("projection").equalsIgnoreCase("Lateral") ? "LATERAL" : "PA";
      s = Sample.read(id, spec.name(), e.path(), identity, "DX", "CHEST", view, raster);
    } else {
      s = Sample.readText(id, spec.name(), e.path(), identity, "DX", "CHEST", "");
    }
    return List.of(s.withLabels(List.of(Label.multi(problems, found))).withTexts(texts));
  }

  private static void addText(List<Text> texts, String kind, String text) {
    if (!text.isBlank()) {
      texts.add(Text.of(kind, text.strip(), "source"));
    }
  }
}
