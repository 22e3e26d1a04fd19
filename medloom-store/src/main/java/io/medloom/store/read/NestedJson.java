package io.medloom.store.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.image.BitMask;
import io.medloom.core.image.CocoRle;
import io.medloom.core.model.Box;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nested columns of a row (labels, rois, texts, triplets) from the JSON text DuckDB's {@code
 * to_json} gives them as, into core records: the one place that knows their stored form.
 */
public final class NestedJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private NestedJson() {}

  public static List<Label> labels(String json) throws IOException {
    List<Label> out = new ArrayList<>();
    for (JsonNode l : list(json)) {
      List<Integer> indices = new ArrayList<>();
      l.path("indices").forEach(i -> indices.add(i.asInt()));
      out.add(
          new Label(
              l.path("task").asText(),
              l.path("index").isNumber() ? l.path("index").asInt() : -1,
              indices,
              l.path("name").asText(""),
              l.path("value").isNumber() ? l.path("value").asDouble() : Double.NaN));
    }
    return List.copyOf(out);
  }

  /**
   * Regions; masks are decoded at {@code width x height} only when {@code masks} is set (decoding
   * them costs more than the rest of a row).
   */
  public static List<Roi> rois(String json, int width, int height, boolean masks)
      throws IOException {
    List<Roi> out = new ArrayList<>();
    for (JsonNode r : list(json)) {
      JsonNode b = r.path("box");
      if (!b.isArray() || b.size() != 4) {
        throw new IOException("roi " + r.path("id").asText() + " has a bad box " + b);
      }
      Box box = new Box(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt());
      Optional<BitMask> mask =
          masks && r.path("mask_rle").isTextual()
              ? Optional.of(CocoRle.decode(r.path("mask_rle").asText(), width, height))
              : Optional.empty();
      Map<String, String> attrs = new TreeMap<>();
      r.path("attributes").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
      out.add(
          new Roi(
              r.path("id").asText(),
              r.path("label").asText(),
              box,
              mask,
              r.path("area_fraction").asDouble(),
              r.path("origin").asText(),
              r.path("confidence").asDouble(),
              attrs));
    }
    return List.copyOf(out);
  }

  public static List<Text> texts(String json) throws IOException {
    List<Text> out = new ArrayList<>();
    for (JsonNode t : list(json)) {
      out.add(
          new Text(
              t.path("kind").asText(),
              t.path("text").asText(),
              t.path("origin").asText(),
              t.path("roi_id").isTextual()
                  ? Optional.of(t.path("roi_id").asText())
                  : Optional.empty()));
    }
    return List.copyOf(out);
  }

  public static List<Triplet> triplets(String json) throws IOException {
    List<Triplet> out = new ArrayList<>();
    for (JsonNode t : list(json)) {
      out.add(
          new Triplet(
              t.path("anatomy").asText(""),
              t.path("finding").asText(),
              t.path("existence").asText(),
              t.path("sentence").asText("")));
    }
    return List.copyOf(out);
  }

  private static JsonNode list(String json) throws IOException {
    if (json == null || json.isBlank() || "null".equals(json)) {
      return MAPPER.createArrayNode();
    }
    JsonNode n = MAPPER.readTree(json);
    if (!n.isArray()) {
      throw new IOException("expected a JSON list, got " + abbreviate(json));
    }
    return n;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
