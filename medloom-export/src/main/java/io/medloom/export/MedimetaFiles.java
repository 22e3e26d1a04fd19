package io.medloom.export;

import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.export.MedimetaExporter.Entry;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The MedIMeta metadata files: splits, task labels, annotations.csv, info.yaml, LICENSE. */
final class MedimetaFiles {
  static final List<String> SPLITS = List.of("train", "val", "test");

  private final DatasetInfo info;
  private final List<Entry> entries;
  private final ExportDir dir;

  MedimetaFiles(DatasetInfo info, List<Entry> entries, ExportDir dir) {
    this.info = info;
    this.entries = entries;
    this.dir = dir;
  }

  /** Tasks MedIMeta can express; segmentation masks have no per-image label array there. */
  List<Task> tasks() {
    return info.tasks().stream().filter(t -> t.target() != TaskTarget.SEGMENTATION).toList();
  }

  /** torchcross {@code TaskTarget} names, which MedIMeta's info.yaml uses verbatim. */
  static String taskTarget(TaskTarget t) {
    return switch (t) {
      case BINARY -> "BINARY_CLASSIFICATION";
      case MULTICLASS -> "MULTICLASS_CLASSIFICATION";
      case MULTILABEL -> "MULTILABEL_CLASSIFICATION";
      case ORDINAL -> "ORDINAL_REGRESSION";
      case REGRESSION -> "REGRESSION";
      case SEGMENTATION -> throw new IllegalArgumentException("segmentation has no MedIMeta label");
    };
  }

  /** One relative image path per line; MedIMeta's loader parses the index from the file name. */
  void writeSplits() throws IOException {
    boolean anyOriginal = entries.stream().anyMatch(e -> e.originalSplit() != null);
    for (String split : SPLITS) {
      lines("splits/" + split + ".txt", e -> split.equals(e.meta().split()));
      if (anyOriginal && entries.stream().anyMatch(e -> split.equals(e.originalSplit()))) {
        // MedIMeta writes an original split file only when it is non-empty.
        lines("original_splits/" + split + ".txt", e -> split.equals(e.originalSplit()));
      }
    }
    for (Entry e : entries) {
      if (!SPLITS.contains(e.meta().split())) {
        throw new IOException("sample " + e.meta().id() + " has split '" + e.meta().split() + "'");
      }
    }
  }

  private void lines(String file, java.util.function.Predicate<Entry> keep) throws IOException {
    String text =
        entries.stream().filter(keep).map(e -> e.file() + "\n").collect(Collectors.joining());
    Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
  }

  /**
   * int64 class index per sample (N,) for single-label tasks; multi-hot int64 (N,C) for
   * multi-label; float64 (N,) for regression. A sample without a label for the task gets -1 (a row
   * of -1 for multi-label, NaN for regression) so that it cannot pass for class 0.
   */
  void writeTaskLabels() throws IOException {
    int n = entries.size();
    for (Task t : tasks()) {
      String file = "task_labels/" + t.name() + ".npy";
      int classes = t.classes().size();
      if (t.target() == TaskTarget.REGRESSION) {
        double[] v = new double[n];
        for (Entry e : entries) {
          Rows.Label l = e.labels().get(t.name());
          v[e.index()] = l == null || l.value() == null ? Double.NaN : l.value();
        }
        Npy.writeFloat64(dir.resolve(file), v, n);
      } else if (t.target() == TaskTarget.MULTILABEL) {
        long[] v = new long[n * classes];
        for (Entry e : entries) {
          Rows.Label l = e.labels().get(t.name());
          if (l == null) {
            Arrays.fill(v, e.index() * classes, (e.index() + 1) * classes, -1L);
            continue;
          }
          for (int k : l.indices()) {
            v[e.index() * classes + checkClass(t, k, e)] = 1L;
          }
        }
        Npy.writeInt64(dir.resolve(file), v, n, classes);
      } else {
        long[] v = new long[n];
        for (Entry e : entries) {
          Integer k = classIndex(e.labels().get(t.name()));
          v[e.index()] = k == null ? -1L : checkClass(t, k, e);
        }
        Npy.writeInt64(dir.resolve(file), v, n);
      }
    }
  }

  private static Integer classIndex(Rows.Label l) {
    if (l == null) {
      return null;
    }
    if (l.index() != null) {
      return l.index();
    }
    return l.indices().size() == 1 ? l.indices().get(0) : null;
  }

  private static int checkClass(Task t, int k, Entry e) throws IOException {
    if (k < 0 || k >= t.classes().size()) {
      throw new IOException(
          "sample "
              + e.meta().id()
              + ": task '"
              + t.name()
              + "' has class index "
              + k
              + " outside 0.."
              + (t.classes().size() - 1));
    }
    return k;
  }

  /**
   * MedIMeta's column order: filepath (the index), split, tasks/&lt;task&gt; (raw label: class
   * index or multi-hot list), original_filepath, original_split, patient_id, then the rest A–Z
   * (class names per task, multi-label names joined with '|').
   */
  void writeAnnotations() throws IOException {
    List<String> head = new ArrayList<>(List.of("filepath", "split"));
    tasks().forEach(t -> head.add("tasks/" + t.name()));
    head.addAll(List.of("original_filepath", "original_split", "patient_id"));
    TreeMap<String, java.util.function.Function<Entry, String>> rest = new TreeMap<>();
    for (Task t : tasks()) {
      rest.put(t.name(), e -> names(t, e.labels().get(t.name())));
    }
    rest.put("body_part", e -> e.meta().bodyPart());
    rest.put("medloom_id", e -> e.meta().id());
    rest.put("modality", e -> e.meta().modality());
    rest.put("source", e -> e.meta().source());
    rest.put("view", e -> e.meta().view());
    head.addAll(rest.keySet());
    try (Writer w =
        Files.newBufferedWriter(dir.resolve("annotations.csv"), StandardCharsets.UTF_8)) {
      w.write(Text.csvRow(head));
      for (Entry e : entries) {
        List<String> row = new ArrayList<>(List.of(e.file(), e.meta().split()));
        tasks().forEach(t -> row.add(raw(t, e.labels().get(t.name()))));
        row.add(e.meta().originalPath());
        row.add(e.originalSplit());
        row.add(e.meta().patientKey());
        rest.values().forEach(f -> row.add(f.apply(e)));
        w.write(Text.csvRow(row));
      }
    }
  }

  private static String raw(Task t, Rows.Label l) {
    if (l == null) {
      return "";
    }
    if (t.target() == TaskTarget.REGRESSION) {
      return l.value() == null ? "" : l.value().toString();
    }
    if (t.target() == TaskTarget.MULTILABEL) {
      int[] hot = new int[t.classes().size()];
      l.indices().forEach(k -> hot[k] = 1);
      return Arrays.stream(hot)
          .mapToObj(Integer::toString)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    Integer k = classIndex(l);
    return k == null ? "" : k.toString();
  }

  private static String names(Task t, Rows.Label l) {
    if (l == null || t.target() == TaskTarget.REGRESSION) {
      return "";
    }
    return l.indices().stream()
        .map(k -> t.classes().getOrDefault(k, String.valueOf(k)))
        .collect(Collectors.joining("|"));
  }

  /** The keys of MedIMeta's info.yaml, hand-written with every string double-quoted. */
  void writeInfo() throws IOException {
    StringBuilder y = new StringBuilder();
    y.append("id: ").append(Text.yaml(info.id())).append('\n');
    y.append("name: ").append(Text.yaml(info.name())).append('\n');
    y.append("summary: ").append(Text.yaml(info.summary())).append('\n');
    y.append("domain: ").append(Text.yaml(info.domain())).append('\n');
    y.append("tasks:\n");
    for (Task t : tasks()) {
      y.append("  - task_name: ").append(Text.yaml(t.name())).append('\n');
      y.append("    task_target: ").append(taskTarget(t.target())).append('\n');
      if (t.classes().isEmpty()) {
        y.append("    labels: {}\n");
      } else {
        y.append("    labels:\n");
        t.classes()
            .forEach(
                (k, v) ->
                    y.append("      ").append(k).append(": ").append(Text.yaml(v)).append('\n'));
      }
    }
    y.append("input_size: ")
        .append(
            info.inputSize().stream()
                .map(String::valueOf)
                .collect(Collectors.joining(", ", "[", "]")))
        .append('\n');
    y.append("total_num_samples: ").append(entries.size()).append('\n');
    y.append("splits_num_samples: ").append(counts(e -> e.meta().split())).append('\n');
    if (entries.stream().anyMatch(e -> e.originalSplit() != null)) {
      y.append("original_splits_num_samples: ").append(counts(Entry::originalSplit)).append('\n');
    }
    y.append("domain_overlaps: []\n");
    y.append("subject_overlaps: []\n");
    y.append("license: ").append(Text.yaml(info.license())).append('\n');
    y.append("original_data:\n");
    for (DatasetInfo.SourceRecord s : info.sources()) {
      String loc = s.location();
      boolean url = loc.startsWith("http://") || loc.startsWith("https://");
      y.append("  - name: ").append(Text.yaml(s.kind())).append('\n');
      y.append("    title: ").append(Text.yaml(s.kind() + ":" + loc)).append('\n');
      y.append("    url: ").append(Text.yaml(url ? loc : "")).append('\n');
      y.append("    license: ").append(Text.yaml(info.license())).append('\n');
      y.append("    authors: \"\"\n    paper_title: \"\"\n    paper_url: \"\"\n");
      y.append("    citations: ").append(Text.yaml(info.citation())).append('\n');
    }
    // Not a MedIMeta key: provenance, so an export can be traced to the build that made it.
    y.append("medloom:\n");
    y.append("  version: ").append(Text.yaml(info.build().medloomVersion())).append('\n');
    y.append("  config_hash: ").append(Text.yaml(info.build().configHash())).append('\n');
    y.append("  created_at: ").append(Text.yaml(info.build().createdAt())).append('\n');
    Files.writeString(dir.resolve("info.yaml"), y, StandardCharsets.UTF_8);
  }

  private String counts(java.util.function.Function<Entry, String> split) {
    Map<String, Long> m = new LinkedHashMap<>();
    SPLITS.forEach(s -> m.put(s, 0L));
    entries.forEach(e -> m.computeIfPresent(split.apply(e), (k, v) -> v + 1));
    return m.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining(", ", "{", "}"));
  }

  /** MedIMeta ships the license text; we have the license name and citation from the build. */
  void writeLicense() throws IOException {
    String text =
        "License: "
            + info.license()
            + "\n"
            + (info.citation().isBlank() ? "" : "\nCitation:\n" + info.citation() + "\n");
    Files.writeString(dir.resolve("LICENSE"), text, StandardCharsets.UTF_8);
  }
}
