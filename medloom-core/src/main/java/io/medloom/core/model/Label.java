package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The label of one sample for one task.
 *
 * @param task task name
 * @param index class index for single-label tasks, -1 for multilabel and regression tasks
 * @param indices the positive classes, sorted; {@code [index]} for single-label tasks
 * @param name human-readable class name(s), joined by {@code ", "} for multilabel
 * @param value numeric value for regression tasks ({@code NaN} otherwise)
 */
public record Label(String task, int index, List<Integer> indices, String name, double value) {
  public Label {
    notBlank(task, "label task");
    notNull(indices, "label indices");
    notNull(name, "label name");
    indices = indices.stream().sorted().distinct().toList();
    checkArgument(index >= -1, "label index must be >= -1: %s", index);
    checkArgument(
        index == -1 || indices.equals(List.of(index)),
        "single-label index %s disagrees with indices %s",
        index,
        indices);
  }

  /** A single-label (binary, multiclass, ordinal) label. */
  public static Label single(Task task, int index) {
    checkArgument(
        task.classes().containsKey(index),
        "task '%s' has no class %s; classes %s",
        task.name(),
        index,
        task.classes());
    return new Label(task.name(), index, List.of(index), task.classes().get(index), Double.NaN);
  }

  /** A multilabel label with the given positive class names. */
  public static Label multi(Task task, List<String> classNames) {
    checkArgument(
        task.target() == TaskTarget.MULTILABEL,
        "task '%s' is %s, not multilabel",
        task.name(),
        task.target().wireName());
    List<Integer> idx = classNames.stream().map(task::indexOf).sorted().distinct().toList();
    String joined = idx.stream().map(i -> task.classes().get(i)).collect(Collectors.joining(", "));
    return new Label(task.name(), -1, idx, joined, Double.NaN);
  }
}
