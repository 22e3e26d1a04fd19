package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.store.DatasetReader;
import io.medloom.store.Json;
import io.medloom.store.review.Review;
import io.medloom.store.review.ReviewLog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reviews.jsonl as the CLI sees it: info counts it, annotate applies it. */
class ReviewCommandsTest {
  @TempDir Path tmp;

  @Test
  void infoCountsReviewsAndAnnotateAppliesThem() throws Exception {
    Path ds = tmp.resolve("p");
    assertThat(
            Cli.run("build", "--source", "phantom:20", "--out", ds.toString(), "--size", "96")
                .exitCode())
        .isZero();
    String id;
    JsonNode global;
    try (DatasetReader r = DatasetReader.open(ds)) {
      StringBuilder first = new StringBuilder();
      r.query("SELECT min(id) FROM samples", rs -> first.append(rs.next() ? rs.getString(1) : ""));
      id = first.toString();
      global = null;
      for (JsonNode t : Json.MAPPER.readTree(r.get(id).orElseThrow().textsJson())) {
        if (t.path("kind").asText().equals("desc.global")) {
          global = t;
        }
      }
    }
    new ReviewLog(ds)
        .append(
            new Review(
                "2026-11-23T10:00:00Z",
                "dr cli",
                "p",
                id,
                new Review.Target("text", "desc.global", "", ""),
                "correct",
                global,
                Json.MAPPER.readTree("{\"text\":\"Frontal chest film, reviewed.\"}")));
    Cli info = Cli.run("info", ds.toString());
    assertThat(info.out()).contains("reviews: 1 decisions on 1 samples by 1 reviewer(s)");
    Cli annotate = Cli.run("annotate", ds.toString());
    assertThat(annotate.out()).contains("reviews: 1 decisions applied, 0 stale");
    assertThat(Cli.run("verify", ds.toString()).exitCode()).isZero();
    try (DatasetReader r = DatasetReader.open(ds)) {
      String texts = r.get(id).orElseThrow().textsJson();
      assertThat(texts).contains("Frontal chest film, reviewed.").contains("\"annotator\"");
    }
  }
}
