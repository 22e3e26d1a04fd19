package io.medloom.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.store.StoredSample;
import io.medloom.store.review.Review;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds what a decision is about in the stored row, so {@code before} in {@code reviews.jsonl} is
 * what the dataset holds, not what a client claims. A text is named by kind, region and its current
 * wording (the wording the reviewer saw); a region by id; a label by task.
 */
final class ReviewTargets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReviewTargets() {}

  /** The stored item, or empty when the sample has no such target (any more). */
  static Optional<JsonNode> stored(StoredSample s, Review.Target t, JsonNode claimedBefore)
      throws IOException {
    switch (t.type()) {
      case "text" -> {
        String shown = claimedBefore == null ? "" : claimedBefore.path("text").asText("");
        for (JsonNode x : JSON.readTree(s.textsJson())) {
          if (x.path("kind").asText().equals(t.kind())
              && x.path("roi_id").asText("").equals(t.roiId())
              && x.path("text").asText().equals(shown)) {
            return Optional.of(x);
          }
        }
        return Optional.empty();
      }
      case "roi" -> {
        for (JsonNode x : JSON.readTree(s.roisJson())) {
          if (x.path("id").asText().equals(t.roiId())) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = x.deepCopy();
            copy.remove("mask_rle"); // the box and label are what a reviewer judges
            return Optional.of(copy);
          }
        }
        return Optional.empty();
      }
      default -> {
        for (JsonNode x : JSON.readTree(s.labelsJson())) {
          if (x.path("task").asText().equals(t.task())) {
            return Optional.of(x);
          }
        }
        return Optional.empty();
      }
    }
  }
}
