package io.medloom.export;

import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.store.DatasetReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CSVs in the layout of CXR-CLIP's data loaders ({@code <split>.csv}, one row per study, list cells
 * as Python literals for {@code ast.literal_eval}) with the PNGs under {@code images/<split>/}.
 *
 * <p>Columns: {@code image}, {@code view}, {@code AP}, {@code PA}, {@code Lateral} (image-text
 * datasets, MIMIC-CXR style), {@code text} ([findings, impression], or the one section present, or
 * the caption), {@code text_augment} (a copy of {@code text}: we have no back-translations, and the
 * loader indexes both lists alike), {@code text_label} ([[positive], [negative], [uncertain]],
 * CheXpert style), {@code label} (0/1 per class) and {@code class} (positive class names) for the
 * downstream classification loaders. Labels come from the first multi-label task, else the first
 * classification task.
 */
public final class CxrClipExporter implements Exporter {
  static final List<String> HEADER =
      List.of(
          "image",
          "view",
          "AP",
          "PA",
          "Lateral",
          "text",
          "text_augment",
          "text_label",
          "label",
          "class");

  @Override
  public String format() {
    return "cxr-clip";
  }

  @Override
  public String description() {
    return "CXR-CLIP CSVs (image/view lists, report sections, text_label, label/class) with PNG"
        + " images";
  }

  @Override
  public ExportResult export(Path dataset, Path out) throws IOException {
    return ExportRun.run(format(), dataset, out, this::write);
  }

  /** One CSV row: all images of a study; text and labels from its first image. */
  static final class Study {
    final List<String> images = new ArrayList<>();
    final List<String> views = new ArrayList<>();
    final List<String> text;
    final Rows.Label label;

    Study(List<String> text, Rows.Label label) {
      this.text = text;
      this.label = label;
    }
  }

  private long write(DatasetReader reader, ExportDir dir) throws IOException, SQLException {
    Optional<Task> task = labelTask(reader.info().tasks());
    long n = 0;
    for (String split : MedimetaFiles.SPLITS) {
      Files.createDirectories(dir.dir().resolve("images/" + split));
      Map<String, Study> studies = new LinkedHashMap<>();
      long[] count = {0};
      try {
        reader.forEach(
            Optional.of(split),
            s -> {
              if (s.png() == null) {
                return; // CXR-CLIP pairs images with text; a report without images has no row
              }
              String path = "images/" + split + "/" + s.id() + ".png";
              try {
                Files.write(dir.dir().resolve(path), s.png());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              // A sample without a study key is its own study.
              String key = s.studyKey() == null ? "sample:" + s.id() : s.studyKey();
              Study st =
                  studies.computeIfAbsent(
                      key,
                      k ->
                          new Study(
                              sections(Rows.texts(s)),
                              task.map(t -> Rows.labelsByTask(s).get(t.name())).orElse(null)));
              st.images.add(path);
              st.views.add(s.view() == null ? "" : s.view());
              count[0]++;
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      n += count[0];
      try (Writer w =
          Files.newBufferedWriter(dir.resolve(split + ".csv"), StandardCharsets.UTF_8)) {
        w.write(Text.csvRow(HEADER));
        for (Study st : studies.values()) {
          w.write(Text.csvRow(row(st, task)));
        }
      }
    }
    return n;
  }

  static Optional<Task> labelTask(List<Task> tasks) {
    return tasks.stream()
        .filter(t -> t.target() == TaskTarget.MULTILABEL)
        .findFirst()
        .or(
            () ->
                tasks.stream()
                    .filter(
                        t ->
                            t.target() == TaskTarget.BINARY
                                || t.target() == TaskTarget.MULTICLASS
                                || t.target() == TaskTarget.ORDINAL)
                    .findFirst());
  }

  /** [findings, impression] as CXR-CLIP's MIMIC CSV; a missing section is left out. */
  static List<String> sections(List<Rows.Text> texts) {
    List<String> out = new ArrayList<>();
    Rows.firstText(texts, "report.findings").ifPresent(out::add);
    Rows.firstText(texts, "report.impression").ifPresent(out::add);
    if (out.isEmpty()) {
      String caption = Rows.caption(texts);
      if (!caption.isEmpty()) {
        out.add(caption);
      }
    }
    return out;
  }

  private static List<String> row(Study st, Optional<Task> task) {
    List<String> ap = new ArrayList<>();
    List<String> pa = new ArrayList<>();
    List<String> lateral = new ArrayList<>();
    for (int i = 0; i < st.images.size(); i++) {
      switch (st.views.get(i).toUpperCase(Locale.ROOT)) {
        case "AP" -> ap.add(st.images.get(i));
        case "PA" -> pa.add(st.images.get(i));
        case "LATERAL", "LL", "RL", "LAT" -> lateral.add(st.images.get(i));
        default -> {} // other views only appear in `image`
      }
    }
    List<String> positive = new ArrayList<>();
    List<String> negative = new ArrayList<>();
    List<String> hot = new ArrayList<>();
    if (task.isPresent() && st.label != null) {
      Task t = task.get();
      t.classes()
          .forEach(
              (k, name) -> {
                boolean on =
                    st.label.indices().contains(k)
                        || (st.label.index() != null && st.label.index().equals(k));
                (on ? positive : negative).add(name);
                hot.add(on ? "1" : "0");
              });
    }
    String textLabel =
        "["
            + Text.pyList(positive)
            + ", "
            + Text.pyList(negative)
            + ", "
            + Text.pyList(List.of())
            + "]";
    return List.of(
        Text.pyList(st.images),
        Text.pyList(st.views),
        Text.pyList(ap),
        Text.pyList(pa),
        Text.pyList(lateral),
        Text.pyList(st.text),
        Text.pyList(st.text),
        textLabel,
        "[" + String.join(", ", hot) + "]",
        Text.pyList(positive));
  }
}
