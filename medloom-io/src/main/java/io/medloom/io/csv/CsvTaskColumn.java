package io.medloom.io.csv;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.table.CsvTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A CSV column declared as a task ({@code tasks=finding:multilabel,sex:binary}): the task is named
 * after the column. Classes come from {@code classes.<task>} (comma-separated, in that order) or,
 * by default, the sorted distinct values of the valid rows (numerically when all are numbers, so an
 * ordinal 1..10 keeps its order). Multilabel cells are split on {@code separator.<task>} (default
 * {@code |}) or read as a Python list {@code ['a', 'b']}.
 */
record CsvTaskColumn(Task task, String separator) {

  static List<CsvTaskColumn> parse(SourceSpec spec, CsvTable table) throws IOException {
    List<CsvTaskColumn> out = new ArrayList<>();
    String declared = spec.option("tasks", "");
    for (String part : declared.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.lastIndexOf(':');
      if (colon <= 0) {
        throw new IOException(
            "csv option tasks: '" + part + "' must be column:type, e.g. sex:binary");
      }
      String column = part.substring(0, colon).trim();
      String type = part.substring(colon + 1).trim();
      if (!table.header().contains(column)) {
        throw new IOException(
            "csv option tasks: no column '"
                + column
                + "' in "
                + table.file().getFileName()
                + "; columns: "
                + table.header());
      }
      TaskTarget target;
      try {
        target = TaskTarget.parse(type);
      } catch (IllegalArgumentException e) {
        throw new IOException("csv option tasks: " + e.getMessage() + " for column " + column, e);
      }
      if (target == TaskTarget.SEGMENTATION) {
        throw new IOException("csv option tasks: a CSV cell cannot hold a segmentation: " + column);
      }
      String sep = spec.option("separator." + column, "|");
      List<String> classes = classes(spec, table, column, target, sep);
      try {
        out.add(new CsvTaskColumn(Task.of(column, target, classes), sep));
      } catch (IllegalArgumentException e) {
        throw new IOException("csv task '" + column + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static List<String> classes(
      SourceSpec spec, CsvTable table, String column, TaskTarget target, String sep) {
    if (target == TaskTarget.REGRESSION) {
      return List.of();
    }
    String explicit = spec.option("classes." + column, "");
    if (!explicit.isBlank()) {
      return Arrays.stream(explicit.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .toList();
    }
    List<String> values = new ArrayList<>();
    table.rows().stream()
        .filter(r -> r.problem().isEmpty())
        .forEach(r -> values.addAll(cellValues(r.get(column), target, sep)));
    boolean numeric = !values.isEmpty() && values.stream().allMatch(CsvTaskColumn::isNumber);
    Comparator<String> order =
        numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
    TreeSet<String> sorted = new TreeSet<>(order);
    sorted.addAll(values);
    return List.copyOf(sorted);
  }

  private static List<String> cellValues(String cell, TaskTarget target, String sep) {
    if (target == TaskTarget.MULTILABEL) {
      return CsvTable.listCell(cell, sep);
    }
    return cell.isEmpty() ? List.of() : List.of(cell);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The row's label; empty for an empty cell; throws naming a value outside the classes. */
  Optional<Label> label(CsvTable.Row row) throws IOException {
    String cell = row.get(task.name());
    if (cell.isEmpty()) {
      return Optional.empty();
    }
    if (task.target() == TaskTarget.REGRESSION) {
      if (!isNumber(cell)) {
        throw new IOException(
            "line "
                + row.line()
                + ": task '"
                + task.name()
                + "' value '"
                + cell
                + "' is not a number");
      }
      double v = Double.parseDouble(cell);
      return Optional.of(new Label(task.name(), -1, List.of(), cell, v));
    }
    List<String> values = cellValues(cell, task.target(), separator);
    for (String v : values) {
      if (!task.classes().containsValue(v)) {
        throw new IOException(
            "line "
                + row.line()
                + ": task '"
                + task.name()
                + "' value '"
                + v
                + "' is not one of the classes "
                + task.classes().values());
      }
    }
    if (task.target() == TaskTarget.MULTILABEL) {
      // A written "[]" is a label with no positive class; only an empty cell is "unknown".
      return Optional.of(Label.multi(task, values));
    }
    return Optional.of(Label.single(task, task.indexOf(values.get(0))));
  }
}
