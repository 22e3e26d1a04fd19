package io.medloom.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The grid's filters and page, parsed and validated from query parameters. Values only ever reach
 * SQL as bound parameters; anything malformed is a {@link BadRequest}.
 */
record SampleFilter(
    Optional<String> dataset,
    Optional<String> split,
    Optional<String> modality,
    Optional<String> source,
    Optional<String> task,
    Optional<String> label,
    Optional<Boolean> hasRoi,
    Optional<String> origin,
    Optional<String> text,
    boolean meaning,
    int offset,
    int limit) {
  static final int MAX_LIMIT = 500;
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9 _.:,()/+-]{1,200}");

  static SampleFilter parse(Function<String, String> param) {
    return new SampleFilter(
        token(param, "dataset"),
        token(param, "split"),
        token(param, "modality"),
        token(param, "source"),
        token(param, "task"),
        token(param, "label"),
        flag(param, "has_roi"),
        token(param, "origin"),
        free(param, "q"),
        mode(param),
        integer(param, "offset", 0, 0, Integer.MAX_VALUE),
        integer(param, "limit", 60, 1, MAX_LIMIT));
  }

  private static Optional<String> token(Function<String, String> param, String name) {
    String v = param.apply(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    if (!TOKEN.matcher(v).matches()) {
      throw new BadRequest("invalid " + name + ": use letters, digits and _.:,()/+- only");
    }
    return Optional.of(v);
  }

  private static Optional<String> free(Function<String, String> param, String name) {
    String v = param.apply(name);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    if (v.length() > 200) {
      throw new BadRequest(name + " is longer than 200 characters");
    }
    return Optional.of(v.strip());
  }

  /**
   * {@code mode=words} (default: the query occurs in the texts, see {@link WordIndex}) or {@code
   * mode=meaning} (by a model).
   */
  private static boolean mode(Function<String, String> param) {
    String v = param.apply("mode");
    if (v == null || v.isEmpty() || v.equals("words")) {
      return false;
    }
    if (v.equals("meaning")) {
      return true;
    }
    throw new BadRequest("mode must be words or meaning: '" + v + "'");
  }

  private static Optional<Boolean> flag(Function<String, String> param, String name) {
    String v = param.apply(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    return switch (v) {
      case "true", "1", "yes" -> Optional.of(true);
      case "false", "0", "no" -> Optional.of(false);
      default -> throw new BadRequest(name + " must be true or false: '" + v + "'");
    };
  }

  private static int integer(
      Function<String, String> param, String name, int dflt, int min, int max) {
    String v = param.apply(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new BadRequest(name + " must be in " + min + ".." + max + ": " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be an integer: '" + v + "'");
    }
  }

  /**
   * The WHERE clause of the structured filters over the index table and its parameters, in order;
   * the text is searched in the word index ({@link WordIndex}).
   */
  String where(List<Object> params) {
    List<String> clauses = new ArrayList<>();
    split.ifPresent(v -> add(clauses, params, "split = ?", v));
    modality.ifPresent(v -> add(clauses, params, "modality = ?", v));
    source.ifPresent(v -> add(clauses, params, "source = ?", v));
    if (task.isPresent() && label.isPresent()) {
      add(clauses, params, "list_contains(label_keys, ?)", task.get() + "=" + label.get());
    } else if (task.isPresent()) {
      add(clauses, params, "list_contains(tasks, ?)", task.get());
    } else if (label.isPresent()) {
      throw new BadRequest("label needs task");
    }
    hasRoi.ifPresent(v -> clauses.add(v ? "n_rois > 0" : "n_rois = 0"));
    origin.ifPresent(v -> add(clauses, params, "list_contains(roi_origins, ?)", v));
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static void add(List<String> clauses, List<Object> params, String sql, Object value) {
    clauses.add(sql);
    params.add(value);
  }

  Map<String, Object> echo() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    dataset.ifPresent(v -> m.put("dataset", v));
    split.ifPresent(v -> m.put("split", v));
    modality.ifPresent(v -> m.put("modality", v));
    source.ifPresent(v -> m.put("source", v));
    task.ifPresent(v -> m.put("task", v));
    label.ifPresent(v -> m.put("label", v));
    hasRoi.ifPresent(v -> m.put("has_roi", v));
    origin.ifPresent(v -> m.put("origin", v));
    text.ifPresent(v -> m.put("q", v));
    if (meaning) {
      m.put("mode", "meaning");
    }
    return m;
  }
}
