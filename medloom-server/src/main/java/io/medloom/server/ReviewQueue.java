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
 * consistency checks, then by confidence, lowest first. A text's confidence is that of the words it
 * says about its regions (the annotator's {@code attr.confidence.*}, see the annotate module's
 * {@code WordConfidence}) times the region's own confidence (a model's score; 1 for a drawn mask):
 * {@code desc.roi} its region's {@code confidence.words}; {@code desc.relation} the lowest {@code
 * confidence.relation} of the sample's regions; {@code desc.full}, which says both, the lowest of
 * either; {@code desc.global} (modality, body part, view: metadata) 1. A model region ranks by its
 * score times how whole its mask is ({@code confidence.fragments}); an atlas region by its own
 * confidence. Each item names its weakest part ({@code doubt}). Decided items leave the queue.
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
      String doubt,
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
      m.put("doubt", doubt);
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
    Doubt words = Doubt.SURE;
    Doubt relation = Doubt.SURE;
    for (JsonNode r : rois.values()) {
      words = words.lower(Doubt.of(r, "words"));
      relation = relation.lower(Doubt.of(r, "relation"));
    }
    for (JsonNode t : texts) {
      String origin = t.path("origin").asText();
      if (!origin.startsWith("composer") && !origin.startsWith("llm:")) {
        continue;
      }
      String kind = t.path("kind").asText();
      String roiId = t.path("roi_id").asText("");
      JsonNode roi = rois.get(roiId);
      List<String> problems =
          roi != null && kind.equals("desc.roi")
              ? RegionTextCheck.problems(t.path("text").asText(), roi, ruledOut)
              : List.of();
      Doubt d =
          switch (kind) {
            case "desc.roi" -> roi == null ? Doubt.SURE : Doubt.of(roi, "words");
            case "desc.relation" -> relation;
            case "desc.full" -> words.lower(relation);
            default -> Doubt.SURE;
          };
      all.add(
          new Item(
              dataset,
              id,
              "text",
              kind,
              roiId,
              t.path("text").asText(),
              origin,
              d.confidence(),
              d.part(),
              problems));
    }
    for (JsonNode r : rois.values()) {
      String origin = r.path("origin").asText();
      boolean model = origin.equals("model") || origin.startsWith("model:");
      if (model || origin.equals("atlas")) {
        Doubt d =
            model
                ? Doubt.of(r, "fragments")
                : new Doubt(r.path("confidence").asDouble(1.0), "region");
        all.add(
            new Item(
                dataset,
                id,
                "roi",
                "",
                r.path("id").asText(),
                r.path("label").asText() + " " + r.path("box"),
                origin,
                d.confidence(),
                d.part(),
                List.of()));
      }
    }
  }

  /** A confidence and the part of the claim it comes from (e.g. "location", "size"). */
  record Doubt(double confidence, String part) {
    static final Doubt SURE = new Doubt(1.0, "");

    /**
     * The region's own confidence times its stored {@code attr.confidence.<part>} ({@code words} is
     * named by its weakest word part); a region without it (anatomy, older builds) is sure.
     */
    static Doubt of(JsonNode roi, String part) {
      JsonNode a = roi.path("attributes");
      double own = roi.path("confidence").asDouble(1.0);
      JsonNode value = a.path("attr.confidence." + part);
      if (!value.isTextual()) {
        return own < 1.0 ? new Doubt(own, "region") : SURE;
      }
      String named = part;
      if (part.equals("words")) {
        double low = 2;
        for (String p : List.of("location", "size", "shape", "intensity", "texture", "fragments")) {
          double v = a.path("attr.confidence." + p).asDouble(2);
          if (v < low) {
            low = v;
            named = p;
          }
        }
      }
      double words = value.asDouble(1.0);
      return own < words ? new Doubt(own * words, "region") : new Doubt(own * words, named);
    }

    Doubt lower(Doubt o) {
      return o.confidence < confidence ? o : this;
    }
  }

  /**
   * At equal confidence, claims a reader takes at face value come first: region descriptions, then
   * relations, full and global texts, then model regions, then atlas regions (derived geometry).
   */
  private static int priority(Item i) {
    String origin = i.origin().startsWith("model:") ? "model" : i.origin();
    return switch (i.type().equals("roi") ? "roi:" + origin : i.kind()) {
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
