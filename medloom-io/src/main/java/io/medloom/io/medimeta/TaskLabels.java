package io.medloom.io.medimeta;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.source.ReadBudget;
import io.medloom.io.numpy.NpyArray;
import io.medloom.io.numpy.NpyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One {@code task_labels/<task>.npy}: row i is sample i. Single-label tasks hold a class index per
 * row, (N,) or (N,1); multilabel tasks a multi-hot row (N,C); regression a float per row. -1 (a row
 * of -1, or NaN for regression) means the sample has no label for the task, so that a missing label
 * is never read as class 0.
 *
 * @param ints class indices or multi-hot rows (null for regression)
 * @param floats regression values (null otherwise)
 * @param width values per row: 1, or C for multilabel
 */
record TaskLabels(Task task, int[] ints, float[] floats, int width) {

  static TaskLabels read(Path file, Task task, int n, ReadBudget budget) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("medimeta source: task '" + task.name() + "' has no " + file);
    }
    NpyArray a = NpyReader.read(file, budget);
    int[] shape = a.shape();
    int classes = task.classes().size();
    boolean multi = task.target() == TaskTarget.MULTILABEL;
    int width = shape.length == 2 ? shape[1] : 1;
    boolean shapeOk =
        shape.length >= 1
            && shape.length <= 2
            && (multi ? shape.length == 2 && width == classes : width == 1);
    if (!shapeOk) {
      throw new IOException(
          file
              + ": task '"
              + task.name()
              + "' ("
              + task.target().wireName()
              + ", "
              + classes
              + " classes) needs shape "
              + (multi ? "(N," + classes + ")" : "(N,) or (N,1)")
              + ", got "
              + Arrays.toString(shape));
    }
    if (shape[0] != n) {
      throw new IOException(
          file + " has " + shape[0] + " rows but info.yaml says there are " + n + " images");
    }
    try {
      if (task.target() == TaskTarget.REGRESSION) {
        return new TaskLabels(task, null, a.toFloatArray(), 1);
      }
      return new TaskLabels(task, a.toIntArray(), null, width);
    } catch (IllegalStateException | ArithmeticException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** The label of sample {@code i}, empty when missing; throws naming a value outside the task. */
  Optional<Label> label(int i) throws IOException {
    if (floats != null) {
      float v = floats[i];
      return Float.isNaN(v)
          ? Optional.empty()
          : Optional.of(new Label(task.name(), -1, List.of(), String.valueOf(v), v));
    }
    int[] row = Arrays.copyOfRange(ints, i * width, (i + 1) * width);
    if (task.target() != TaskTarget.MULTILABEL) {
      if (row[0] == -1) {
        return Optional.empty();
      }
      if (!task.classes().containsKey(row[0])) {
        throw outside(String.valueOf(row[0]));
      }
      return Optional.of(Label.single(task, row[0]));
    }
    if (Arrays.stream(row).allMatch(v -> v == -1)) {
      return Optional.empty();
    }
    List<String> positive = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      if (row[c] != 0 && row[c] != 1) {
        throw outside(Arrays.toString(row) + " (multi-hot rows hold 0 or 1; all -1 = no label)");
      }
      if (row[c] == 1) {
        positive.add(task.classes().get(c));
      }
    }
    return Optional.of(Label.multi(task, positive));
  }

  private IOException outside(String value) {
    return new IOException(
        "task '" + task.name() + "': label " + value + " is outside the classes " + task.classes());
  }
}
