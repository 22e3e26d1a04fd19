package io.medloom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.store.StoredSample;
import io.medloom.store.review.Review;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks the value a correction proposes against what the dataset allows, and returns it in the one
 * form {@code reviews.jsonl} keeps: a label correction names a class of its task (single-label:
 * {@code {index, name}}; multilabel: {@code {indices, name}}; regression: {@code {value}}), a
 * region correction a box inside the image ({@code {box, label}}), a text correction a non-blank
 * text. Whatever subset a client sends (index or name, names or indices), the log gets the task's
 * own spelling, so {@code annotate} applies exactly what was checked.
 */
final class Corrections {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_TEXT = 4000;

  private Corrections() {}

  static JsonNode checked(Review.Target t, JsonNode after, DatasetInfo info, StoredSample s) {
    if (after == null || !after.isObject()) {
      throw new BadRequest("a correction needs 'after', a JSON object");
    }
    return switch (t.type()) {
      case "text" -> text(after);
      case "roi" -> box(after, s);
      default -> label(t.task(), after, info);
    };
  }

  private static JsonNode text(JsonNode after) {
    JsonNode text = after.path("text");
    if (!text.isTextual() || text.asText().isBlank() || text.asText().length() > MAX_TEXT) {
      throw new BadRequest("a text correction needs after.text, 1 to " + MAX_TEXT + " characters");
    }
    return JSON.createObjectNode().put("text", text.asText().strip());
  }

  private static JsonNode box(JsonNode after, StoredSample s) {
    JsonNode b = after.path("box");
    boolean ints = b.isArray() && b.size() == 4;
    for (int i = 0; ints && i < 4; i++) {
      ints = b.get(i).canConvertToInt() && b.get(i).isIntegralNumber();
    }
    if (!ints
        || b.get(0).asInt() < 0
        || b.get(1).asInt() < 0
        || b.get(0).asInt() >= b.get(2).asInt()
        || b.get(1).asInt() >= b.get(3).asInt()
        || b.get(2).asInt() > s.width()
        || b.get(3).asInt() > s.height()) {
      throw new BadRequest(
          "a region correction needs after.box = [x0, y0, x1, y1] with 0 <= x0 < x1 <= "
              + s.width()
              + " and 0 <= y0 < y1 <= "
              + s.height()
              + ", got "
              + b);
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("box", b.deepCopy());
    JsonNode label = after.path("label");
    if (label.isTextual() && !label.asText().isBlank()) {
      out.put("label", label.asText().strip());
    } else if (!label.isMissingNode()) {
      throw new BadRequest("after.label of a region correction must be a non-blank text");
    }
    return out;
  }

  private static JsonNode label(String taskName, JsonNode after, DatasetInfo info) {
    Task task =
        info.tasks().stream()
            .filter(x -> x.name().equals(taskName))
            .findFirst()
            .orElseThrow(() -> new BadRequest("the dataset has no task '" + taskName + "'"));
    ObjectNode out = JSON.createObjectNode();
    if (task.target() == TaskTarget.REGRESSION) {
      if (!after.path("value").isNumber() || !Double.isFinite(after.path("value").asDouble())) {
        throw new BadRequest(
            "task '" + taskName + "' is a regression: after.value must be a number");
      }
      return out.put("value", after.path("value").asDouble());
    }
    if (task.target() == TaskTarget.MULTILABEL) {
      TreeSet<Integer> indices = new TreeSet<>();
      if (after.path("indices").isArray()) {
        after.path("indices").forEach(i -> indices.add(classIndex(task, i)));
      } else if (after.path("names").isArray()) {
        after.path("names").forEach(n -> indices.add(classNamed(task, n)));
      } else {
        throw new BadRequest(
            "task '"
                + taskName
                + "' is multilabel: give after.indices or after.names, classes "
                + task.classes());
      }
      out.set("indices", JSON.valueToTree(List.copyOf(indices)));
      return out.put(
          "name", indices.stream().map(task.classes()::get).collect(Collectors.joining(", ")));
    }
    Integer index = null;
    if (after.has("index")) {
      index = classIndex(task, after.get("index"));
    }
    if (after.has("name")) {
      int named = classNamed(task, after.get("name"));
      if (index != null && index != named) {
        throw new BadRequest(
            "task '"
                + taskName
                + "': after.index "
                + index
                + " is '"
                + task.classes().get(index)
                + "', not '"
                + after.get("name").asText()
                + "'");
      }
      index = named;
    }
    if (index == null) {
      throw new BadRequest(
          "task '"
              + taskName
              + "': a label correction needs after.index or after.name, classes "
              + task.classes());
    }
    return out.put("index", index).put("name", task.classes().get(index));
  }

  private static int classIndex(Task task, JsonNode i) {
    if (!i.isIntegralNumber() || !i.canConvertToInt() || !task.classes().containsKey(i.asInt())) {
      throw new BadRequest(
          "task '" + task.name() + "' has no class " + i + "; classes " + task.classes());
    }
    return i.asInt();
  }

  private static int classNamed(Task task, JsonNode n) {
    String wanted = n.asText("").strip().toLowerCase(Locale.ROOT);
    List<Integer> hits = new ArrayList<>();
    for (Map.Entry<Integer, String> e : task.classes().entrySet()) {
      if (n.isTextual() && e.getValue().toLowerCase(Locale.ROOT).equals(wanted)) {
        hits.add(e.getKey());
      }
    }
    if (hits.size() != 1) {
      throw new BadRequest(
          "task '" + task.name() + "' has no class named " + n + "; classes " + task.classes());
    }
    return hits.get(0);
  }
}
