package io.medloom.cli;

import io.medloom.learn.clip.LinearProbe;
import io.medloom.learn.clip.Retrieval;
import io.medloom.learn.clip.ZeroShot;
import io.medloom.learn.model.ModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** JSON and tables of the vision–language evaluations. */
final class ClipEvalOutput {
  private ClipEvalOutput() {}

  static Path defaultOut(Path model, String kind) {
    return new ModelFolder(model).eval().resolve(kind + ".json");
  }

  static void write(Path json, Object value) throws IOException {
    ModelFolder.writeAtomically(json, ModelFolder.JSON.writeValueAsBytes(value));
  }

  static Map<String, Object> json(ZeroShot.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", r.task());
    m.put("split", r.split());
    m.put("samples", r.samples());
    m.put("auroc", r.auroc());
    m.put("macro_auroc", r.macroAuroc());
    m.put("accuracy", r.accuracy());
    m.put("f1", r.f1());
    m.put("macro_f1", r.macroF1());
    m.put("positives", r.positives());
    m.put("prompts", r.prompts());
    m.put("prompt_source", r.promptSource());
    m.put("view_samples", r.viewSamples());
    m.put("auroc_by_view", r.aurocByView());
    m.put("text_auroc", r.textAuroc());
    m.put("tag_head_auroc", r.tagAuroc());
    return m;
  }

  static String table(ZeroShot.Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT, "zero-shot %s on %s: %d samples%n", r.task(), r.split(), r.samples()));
    sb.append(
        String.format(
            Locale.ROOT,
            "%-28s %9s %7s %7s  %s%n",
            "class",
            "positives",
            "AUROC",
            "F1",
            "prompts"));
    for (String c : r.auroc().keySet()) {
      Double a = r.auroc().get(c);
      sb.append(
          String.format(
              Locale.ROOT,
              "%-28s %9d %7s %7.4f  %d %s%n",
              c,
              r.positives().get(c),
              a == null ? "-" : String.format(Locale.ROOT, "%.4f", a),
              r.f1().get(c),
              r.prompts().get(c),
              r.promptSource().get(c)));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "macro AUROC %.4f  accuracy %.4f  macro F1 %.4f%n",
            r.macroAuroc(),
            r.accuracy(),
            r.macroF1()));
    if (!r.aurocByView().isEmpty() || !r.textAuroc().isEmpty() || !r.tagAuroc().isEmpty()) {
      // The headline above keeps every view; these columns only split it. The text side scores
      // reports instead of images; the tag head (asg) is report-supervised, not zero-shot.
      sb.append(String.format(Locale.ROOT, "%-28s", "AUROC by view/text/tags"));
      for (var v : r.viewSamples().entrySet()) {
        sb.append(String.format(Locale.ROOT, " %14s", v.getKey() + " (" + v.getValue() + ")"));
      }
      sb.append(r.textAuroc().isEmpty() ? "" : String.format(Locale.ROOT, " %10s", "text"));
      sb.append(r.tagAuroc().isEmpty() ? "" : String.format(Locale.ROOT, " %10s", "tag head"));
      sb.append(System.lineSeparator());
      for (String c : r.auroc().keySet()) {
        sb.append(String.format(Locale.ROOT, "%-28s", c));
        for (String v : r.viewSamples().keySet()) {
          sb.append(String.format(Locale.ROOT, " %14s", fixed(r.aurocByView().get(v).get(c))));
        }
        if (!r.textAuroc().isEmpty()) {
          sb.append(String.format(Locale.ROOT, " %10s", fixed(r.textAuroc().get(c))));
        }
        if (!r.tagAuroc().isEmpty()) {
          sb.append(String.format(Locale.ROOT, " %10s", fixed(r.tagAuroc().get(c))));
        }
        sb.append(System.lineSeparator());
      }
    }
    return sb.toString();
  }

  private static String fixed(Double a) {
    return a == null ? "-" : String.format(Locale.ROOT, "%.4f", a);
  }

  static String table(Retrieval.Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "retrieval on %s: %d images, %d distinct texts (chance R@10 image->text %.4f)%n",
            r.split(),
            r.images(),
            r.texts(),
            r.chanceR10()));
    sb.append(
        String.format(
            Locale.ROOT,
            "%-12s %7s %7s %7s %10s%n",
            "direction",
            "R@1",
            "R@5",
            "R@10",
            "mean rank"));
    for (var e : List.of(Map.entry("image->text", r.i2t()), Map.entry("text->image", r.t2i()))) {
      Retrieval.Scores s = e.getValue();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-12s %7.4f %7.4f %7.4f %10.2f%n",
              e.getKey(),
              s.r1(),
              s.r5(),
              s.r10(),
              s.meanRank()));
    }
    return sb.toString();
  }

  static Map<String, Object> json(LinearProbe.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", r.task());
    m.put("val_samples", r.valSamples());
    m.put("test_samples", r.testSamples());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LinearProbe.Row row : r.rows()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("fraction", row.fraction());
      x.put("train_samples", row.trainSamples());
      x.put("val_auroc", Double.isNaN(row.valAuroc()) ? null : row.valAuroc());
      x.put("auroc", Double.isNaN(row.testAuroc()) ? null : row.testAuroc());
      x.put("auroc_per_class", row.auroc());
      rows.add(x);
    }
    m.put("fractions", rows);
    return m;
  }

  static String table(LinearProbe.Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "linear probe %s (frozen image encoder): test %d samples%n",
            r.task(),
            r.testSamples()));
    sb.append(
        String.format(
            Locale.ROOT, "%-9s %8s %9s %10s%n", "fraction", "train", "val AUROC", "test AUROC"));
    for (LinearProbe.Row row : r.rows()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-9s %8d %9.4f %10.4f%n",
              row.fraction(),
              row.trainSamples(),
              row.valAuroc(),
              row.testAuroc()));
    }
    return sb.toString();
  }
}
