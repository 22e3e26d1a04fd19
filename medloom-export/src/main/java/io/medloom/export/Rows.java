package io.medloom.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.store.StoredSample;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nested columns of a row (labels, rois, texts), parsed from the JSON text that {@link
 * StoredSample} keeps them in. Exporters need only these few fields.
 */
final class Rows {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Rows() {}

  /** A label: {@code index} for single-label tasks, {@code indices} for multi-label ones. */
  record Label(String task, Integer index, List<Integer> indices, String name, Double value) {}

  /** A region; {@code box} is [x0,y0,x1,y1] in pixels of the stored image. */
  record Roi(String id, String label, int[] box, String maskRle, Map<String, String> attributes) {}

  record Text(String kind, String text, String origin, String roiId) {}

  static List<Label> labels(StoredSample s) {
    List<Label> out = new ArrayList<>();
    for (JsonNode n : parse(s.labelsJson(), s)) {
      List<Integer> indices = new ArrayList<>();
      n.path("indices").forEach(i -> indices.add(i.asInt()));
      out.add(
          new Label(
              n.path("task").asText(),
              n.path("index").isNumber() ? n.get("index").asInt() : null,
              List.copyOf(indices),
              text(n, "name"),
              n.path("value").isNumber() ? n.get("value").asDouble() : null));
    }
    return out;
  }

  /** Labels keyed by task name (a task has at most one label per sample). */
  static Map<String, Label> labelsByTask(StoredSample s) {
    Map<String, Label> m = new LinkedHashMap<>();
    for (Label l : labels(s)) {
      m.put(l.task(), l);
    }
    return m;
  }

  static List<Roi> rois(StoredSample s) {
    List<Roi> out = new ArrayList<>();
    for (JsonNode n : parse(s.roisJson(), s)) {
      JsonNode b = n.path("box");
      if (!b.isArray() || b.size() != 4) {
        throw new IllegalArgumentException(
            "sample " + s.id() + ": roi " + n.path("id").asText() + " has a bad box " + b);
      }
      int[] box = {b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt()};
      Map<String, String> attrs = new TreeMap<>();
      n.path("attributes").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
      out.add(new Roi(text(n, "id"), text(n, "label"), box, text(n, "mask_rle"), attrs));
    }
    return out;
  }

  static List<Text> texts(StoredSample s) {
    List<Text> out = new ArrayList<>();
    for (JsonNode n : parse(s.textsJson(), s)) {
      out.add(new Text(text(n, "kind"), text(n, "text"), text(n, "origin"), text(n, "roi_id")));
    }
    return out;
  }

  /** The first non-blank text of a kind. */
  static Optional<String> firstText(List<Text> texts, String kind) {
    return io.medloom.store.read.Caption.first(texts, Text::kind, Text::text, kind);
  }

  /** One caption per sample: the rule of {@link io.medloom.store.read.Caption}. */
  static String caption(List<Text> texts) {
    return io.medloom.store.read.Caption.of(texts, Text::kind, Text::text);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode parse(String json, StoredSample s) {
    if (json == null || json.isBlank() || "null".equals(json)) {
      return MAPPER.createArrayNode();
    }
    try {
      JsonNode n = MAPPER.readTree(json);
      if (!n.isArray()) {
        throw new IllegalArgumentException(
            "sample " + s.id() + ": expected a JSON list, got " + json);
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException("sample " + s.id() + ": unreadable nested column " + json, e);
    }
  }
}
