package io.medloom.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.store.RegionTextCheck;
import io.medloom.store.review.Review;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generated annotations an expert should look at, worst first: texts that fail the stored
 * consistency checks, then by the confidence of what they rest on (the region a {@code desc.roi}
 * describes; model and atlas regions themselves), lowest first. Decided items leave the queue.
 */
final class ReviewQueue {
  /** One item: where it is, what it says, and why it ranks where it does. */
  record Item(
      String dataset,
      String sampleId,
      String type,
      String kind,
      String roiId,
      String value,
      String origin,
      double confidence,
      List<String> problems) {
    String key() {
      return dataset
          + "\u0000"
          + Review.targetKey(sampleId, new Review.Target(type, kind, roiId, ""), value);
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", dataset);
      m.put("sample_id", sampleId);
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("type", type);
      target.put("kind", kind);
      target.put("roi_id", roiId);
      m.put("target", target);
      m.put("value", value);
      m.put("origin", origin);
      m.put("confidence", confidence);
      m.put("problems", problems);
      return m;
    }
  }

  private final List<Item> items;

  private ReviewQueue(List<Item> items) {
    this.items = items;
  }

  static String key(Review r) {
    return r.dataset() + "\u0000" + r.targetKey();
  }

  static ReviewQueue build(List<DatasetIndex> datasets) throws SQLException, IOException {
    List<Item> all = new ArrayList<>();
    for (DatasetIndex d : datasets) {
      d.forEachReviewRow(
          (id, roiList, texts, triplets) -> collect(d.name, id, roiList, texts, triplets, all));
    }
    all.sort(
        Comparator.comparing((Item i) -> i.problems().isEmpty())
            .thenComparingDouble(Item::confidence)
            .thenComparingInt(ReviewQueue::priority)
            .thenComparing(Item::dataset)
            .thenComparing(Item::sampleId)
            .thenComparing(Item::kind)
            .thenComparing(Item::roiId));
    return new ReviewQueue(all);
  }

  private static void collect(
      String dataset,
      String id,
      JsonNode roiList,
      JsonNode texts,
      JsonNode triplets,
      List<Item> all) {
    Map<String, JsonNode> rois = new LinkedHashMap<>();
    roiList.forEach(r -> rois.put(r.path("id").asText(), r));
    Set<String> ruledOut = RegionTextCheck.ruledOut(triplets);
    for (JsonNode t : texts) {
      String origin = t.path("origin").asText();
      if (!origin.startsWith("composer") && !origin.startsWith("llm:")) {
        continue;
      }
      String roiId = t.path("roi_id").asText("");
      JsonNode roi = rois.get(roiId);
      List<String> problems =
          roi != null && t.path("kind").asText().equals("desc.roi")
              ? RegionTextCheck.problems(t.path("text").asText(), roi, ruledOut)
              : List.of();
      double conf = roi == null ? 1.0 : roi.path("confidence").asDouble(1.0);
      all.add(
          new Item(
              dataset,
              id,
              "text",
              t.path("kind").asText(),
              roiId,
              t.path("text").asText(),
              origin,
              conf,
              problems));
    }
    for (JsonNode r : rois.values()) {
      String origin = r.path("origin").asText();
      if (origin.equals("model") || origin.equals("atlas")) {
        all.add(
            new Item(
                dataset,
                id,
                "roi",
                "",
                r.path("id").asText(),
                r.path("label").asText() + " " + r.path("box"),
                origin,
                r.path("confidence").asDouble(1.0),
                List.of()));
      }
    }
  }

  /**
   * At equal confidence, claims a reader takes at face value come first: region descriptions, then
   * relations, full and global texts, then model regions, then atlas regions (derived geometry).
   */
  private static int priority(Item i) {
    return switch (i.type().equals("roi") ? "roi:" + i.origin() : i.kind()) {
      case "desc.roi" -> 0;
      case "desc.relation" -> 1;
      case "desc.full" -> 2;
      case "desc.global" -> 3;
      case "roi:model" -> 4;
      case "roi:atlas" -> 6;
      default -> 5;
    };
  }

  /** A page of undecided items and how many remain. */
  Map<String, Object> page(Set<String> decided, int offset, int limit) {
    List<Item> open = new ArrayList<>();
    for (Item i : items) {
      if (!decided.contains(i.key())) {
        open.add(i);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", open.size());
    out.put("offset", offset);
    out.put("limit", limit);
    List<Map<String, Object>> page = new ArrayList<>();
    for (int k = offset; k < Math.min(open.size(), offset + limit); k++) {
      page.add(open.get(k).json());
    }
    out.put("items", page);
    return out;
  }

  static Set<String> decidedKeys(List<Review> reviews) {
    Set<String> s = new HashSet<>();
    reviews.forEach(r -> s.add(key(r)));
    return s;
  }
}
