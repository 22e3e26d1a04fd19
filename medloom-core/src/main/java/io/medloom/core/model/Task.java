package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A prediction task of a dataset.
 *
 * @param name task name, unique within a dataset (e.g. {@code findings})
 * @param target what is predicted
 * @param classes class index to class name, indices 0..n-1 without gaps (empty for regression)
 */
public record Task(
    String name, TaskTarget target, @JsonProperty("labels") Map<Integer, String> classes) {
  public Task {
    notBlank(name, "task name");
    notNull(target, "task target");
    notNull(classes, "task classes");
    TreeMap<Integer, String> sorted = new TreeMap<>(classes);
    int expected = 0;
    for (Map.Entry<Integer, String> e : sorted.entrySet()) {
      checkArgument(
          e.getKey() == expected,
          "task '%s': class indices must be 0..n-1 without gaps, got %s",
          name,
          sorted.keySet());
      notBlank(e.getValue(), "class name of index " + e.getKey());
      expected++;
    }
    checkArgument(
        target == TaskTarget.REGRESSION || !sorted.isEmpty(),
        "task '%s' (%s) needs at least one class",
        name,
        target.wireName());
    checkArgument(
        target != TaskTarget.BINARY || sorted.size() == 2,
        "binary task '%s' needs exactly 2 classes, got %s",
        name,
        sorted.values());
    classes = Collections.unmodifiableMap(sorted);
  }

  /** Builds a task whose classes are the given names, in order. */
  public static Task of(String name, TaskTarget target, java.util.List<String> classNames) {
    Map<Integer, String> m = new TreeMap<>();
    for (int i = 0; i < classNames.size(); i++) {
      m.put(i, classNames.get(i));
    }
    return new Task(name, target, m);
  }

  /** The index of a class name, or throws naming the known classes. */
  public int indexOf(String className) {
    for (Map.Entry<Integer, String> e : classes.entrySet()) {
      if (e.getValue().equals(className)) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException(
        "task '" + name + "' has no class '" + className + "'; classes: " + classes.values());
  }
}
