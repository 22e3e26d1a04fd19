package io.medloom.io.medimeta;

import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the source needs of a MedIMeta {@code info.yaml}: the dataset id (it prefixes sample ids, so
 * two MedIMeta datasets never share one), the sample count, the license and the tasks.
 */
record MedimetaInfo(String id, String name, String license, int total, List<Task> tasks) {

  static MedimetaInfo read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("medimeta source: no info.yaml in " + file.getParent());
    }
    String src = file.toString();
    if (Files.size(file) > MiniYaml.MAX_CHARS) {
      throw new IOException(
          src
              + " is "
              + Files.size(file)
              + " bytes, larger than the "
              + MiniYaml.MAX_CHARS
              + " a dataset description needs");
    }
    Map<String, Object> y = MiniYaml.parse(Files.readString(file, StandardCharsets.UTF_8), src);
    String id = string(y, "id", src);
    String total = string(y, "total_num_samples", src);
    int n;
    try {
      // PyYAML writes 112_120 for large counts (YAML 1.1 digit grouping).
      n = Integer.parseInt(total.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IOException(src + ": total_num_samples is not a count: '" + total + "'", e);
    }
    if (n < 0) {
      throw new IOException(src + ": total_num_samples is negative: " + n);
    }
    List<Task> tasks = new ArrayList<>();
    if (!(y.get("tasks") instanceof List<?> list)) {
      throw new IOException(src + ": missing key 'tasks' (a list of task_name/task_target/labels)");
    }
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> raw)) {
        throw new IOException(src + ": a tasks entry is not a map: " + o);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) raw;
      String where = src + " task " + t.getOrDefault("task_name", "#" + tasks.size());
      String name = string(t, "task_name", where);
      String target = string(t, "task_target", where);
      if (target.endsWith("_SEGMENTATION")) {
        continue; // MedIMeta keeps no per-image label array for these: nothing to read.
      }
      if (!(t.get("labels") instanceof Map<?, ?> labels)) {
        throw new IOException(where + ": missing key 'labels' (a map of index: class name)");
      }
      tasks.add(task(name, target(target, where), labels, where));
    }
    Object license = y.getOrDefault("license", "unknown");
    return new MedimetaInfo(
        id, String.valueOf(y.getOrDefault("name", id)), String.valueOf(license), n, tasks);
  }

  private static String string(Map<String, Object> m, String key, String where) throws IOException {
    Object v = m.get(key);
    if (v == null) {
      throw new IOException(where + ": missing key '" + key + "'");
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IOException(where + ": key '" + key + "' must be a non-empty scalar, got " + v);
    }
    return s;
  }

  /** torchcross {@code TaskTarget} names, as MedIMeta's info.yaml writes them. */
  static TaskTarget target(String t, String where) throws IOException {
    return switch (t) {
      case "BINARY_CLASSIFICATION" -> TaskTarget.BINARY;
      case "MULTICLASS_CLASSIFICATION" -> TaskTarget.MULTICLASS;
      case "MULTILABEL_CLASSIFICATION" -> TaskTarget.MULTILABEL;
      case "ORDINAL_REGRESSION" -> TaskTarget.ORDINAL;
      case "REGRESSION" -> TaskTarget.REGRESSION;
      default ->
          throw new IOException(
              where
                  + ": unknown task_target '"
                  + t
                  + "' (expected BINARY_CLASSIFICATION, MULTICLASS_CLASSIFICATION,"
                  + " MULTILABEL_CLASSIFICATION, ORDINAL_REGRESSION or REGRESSION)");
    };
  }

  private static Task task(String name, TaskTarget target, Map<?, ?> labels, String where)
      throws IOException {
    Map<Integer, String> classes = new TreeMap<>();
    for (Map.Entry<?, ?> e : labels.entrySet()) {
      try {
        classes.put(
            Integer.parseInt(String.valueOf(e.getKey()).trim()), String.valueOf(e.getValue()));
      } catch (NumberFormatException x) {
        throw new IOException(where + ": label key '" + e.getKey() + "' is not a class index", x);
      }
    }
    try {
      return new Task(name, target, classes);
    } catch (IllegalArgumentException x) {
      throw new IOException(where + ": " + x.getMessage(), x);
    }
  }
}
