package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid's search by meaning: ranked by the given search, other filters still apply. */
class SearchByMeaningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path dataset;
  static ViewerServer plain;
  static ViewerServer withModel;
  static final List<String> asked = new ArrayList<>();
  static List<String> ids;

  /** Ranks the samples in reverse id order, scores falling, and records what it was asked. */
  static final TextSearch REVERSE =
      new TextSearch() {
        @Override
        public String describe() {
          return "fake-model";
        }

        @Override
        public List<Hit> search(Path root, String query, int limit) {
          asked.add(query + "|" + limit + "|" + root.getFileName());
          List<Hit> out = new ArrayList<>();
          for (int i = ids.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(new Hit(ids.get(i), i / 100.0));
          }
          out.add(new Hit("not-a-sample", -1));
          return out;
        }
      };

  @BeforeAll
  static void start() throws Exception {
    dataset = DemoDataset.build(tmp, 20);
    var options = new ViewerServer.Options("127.0.0.1", 0, false);
    plain = ViewerServer.start(List.of(dataset), options);
    withModel = ViewerServer.start(List.of(dataset), options, REVERSE);
    JsonNode all = JSON.readTree(ApiTest.get(plain, "/api/samples?limit=500").body());
    ids = new ArrayList<>();
    all.path("items").forEach(it -> ids.add(it.path("id").asText()));
  }

  @AfterAll
  static void stop() throws Exception {
    plain.close();
    withModel.close();
  }

  @Test
  void meaningRanksBySearchAndKeepsTheOtherFilters() throws Exception {
    JsonNode page =
        JSON.readTree(
            ApiTest.get(withModel, "/api/samples?mode=meaning&q=enlarged+heart&limit=5").body());
    assertThat(page.path("total").asInt()).isEqualTo(ids.size());
    assertThat(page.path("filter").path("mode").asText()).isEqualTo("meaning");
    List<String> got = new ArrayList<>();
    page.path("items").forEach(it -> got.add(it.path("id").asText()));
    List<String> reversed = new ArrayList<>(ids);
    java.util.Collections.reverse(reversed);
    assertThat(got).containsExactlyElementsOf(reversed.subList(0, 5));
    assertThat(page.path("items").get(0).path("score").asDouble())
        .isGreaterThan(page.path("items").get(4).path("score").asDouble());
    assertThat(asked).contains("enlarged heart|" + ViewerServer.MEANING_RANKED + "|demo");

    JsonNode test =
        JSON.readTree(
            ApiTest.get(withModel, "/api/samples?mode=meaning&q=heart&split=test&limit=500")
                .body());
    JsonNode words = JSON.readTree(ApiTest.get(plain, "/api/samples?split=test").body());
    assertThat(test.path("total").asInt()).isEqualTo(words.path("total").asInt()).isPositive();
    test.path("items").forEach(it -> assertThat(it.path("split").asText()).isEqualTo("test"));

    JsonNode ds = JSON.readTree(ApiTest.get(withModel, "/api/datasets").body());
    assertThat(ds.get(0).path("search_model").asText()).isEqualTo("fake-model");
  }

  @Test
  void meaningNeedsAModelAndAQuery() throws Exception {
    var noModel = ApiTest.get(plain, "/api/samples?mode=meaning&q=heart");
    assertThat(noModel.statusCode()).isEqualTo(400);
    assertThat(noModel.body()).contains("--model");
    assertThat(ApiTest.get(withModel, "/api/samples?mode=meaning").statusCode()).isEqualTo(400);
    assertThat(ApiTest.get(withModel, "/api/samples?mode=colour&q=x").statusCode()).isEqualTo(400);
    // Words mode is unchanged: a substring filter.
    JsonNode w = JSON.readTree(ApiTest.get(withModel, "/api/samples?q=zzzqqq").body());
    assertThat(w.path("total").asInt()).isZero();
  }
}
