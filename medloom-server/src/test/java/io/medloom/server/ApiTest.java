package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.annotate.AnnotateStageProvider;
import io.medloom.core.Progress;
import io.medloom.core.pipeline.StageContext;
import io.medloom.engine.StageRerun;
import io.medloom.engine.review.ReviewApplier;
import io.medloom.store.DatasetReader;
import io.medloom.store.review.ReviewLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path tmp;
  static Path dataset;
  static ViewerServer review;
  static ViewerServer readOnly;

  @BeforeAll
  static void start() throws Exception {
    dataset = DemoDataset.build(tmp, 40);
    review = ViewerServer.start(List.of(dataset), new ViewerServer.Options("127.0.0.1", 0, true));
    readOnly =
        ViewerServer.start(List.of(dataset), new ViewerServer.Options("127.0.0.1", 0, false));
  }

  @AfterAll
  static void stop() throws Exception {
    review.close();
    readOnly.close();
  }

  static HttpResponse<String> get(ViewerServer s, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(ViewerServer s, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/review/decisions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header(ViewerServer.TOKEN_HEADER, token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A raw request line, so no client normalises the path before the server sees it. */
  static int rawStatus(ViewerServer s, String target) throws Exception {
    try (Socket sock = new Socket("127.0.0.1", s.port())) {
      OutputStream out = sock.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(new InputStreamReader(sock.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }

  @Test
  void datasetsAndPagingAndFilters() throws Exception {
    JsonNode ds = JSON.readTree(get(review, "/api/datasets").body());
    assertThat(ds.get(0).path("samples").asLong()).isEqualTo(40);
    assertThat(ds.get(0).path("split").size()).isEqualTo(3);
    JsonNode all = JSON.readTree(get(review, "/api/samples?limit=15").body());
    assertThat(all.path("total").asLong()).isEqualTo(40);
    assertThat(all.path("items").size()).isEqualTo(15);
    JsonNode second = JSON.readTree(get(review, "/api/samples?limit=15&offset=15").body());
    assertThat(second.path("items").get(0).path("id").asText())
        .isNotEqualTo(all.path("items").get(0).path("id").asText());
    JsonNode test = JSON.readTree(get(review, "/api/samples?split=test").body());
    assertThat(test.path("total").asLong()).isBetween(1L, 39L);
    test.path("items").forEach(i -> assertThat(i.path("split").asText()).isEqualTo("test"));
    JsonNode nodules = JSON.readTree(get(review, "/api/samples?q=nodule&limit=500").body());
    JsonNode lateral = JSON.readTree(get(review, "/api/samples?task=findings&label=nodule").body());
    assertThat(lateral.path("total").asLong()).isPositive();
    assertThat(nodules.path("total").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode withRoi = JSON.readTree(get(review, "/api/samples?has_roi=true&origin=atlas").body());
    assertThat(withRoi.path("total").asLong()).isPositive();
  }

  /** Filters answered from the facet bit sets count what SQL over the samples counts. */
  @Test
  void facetFiltersAgreeWithSql() throws Exception {
    String[][] cases = {
      {"split=train", "split = 'train'"},
      {"split=test&has_roi=false", "split = 'test' AND len(rois) = 0"},
      {"has_roi=true", "len(rois) > 0"},
      {"task=findings", "list_contains(list_transform(labels, l -> l.task), 'findings')"},
      {"origin=atlas", "list_contains(list_transform(rois, r -> r.origin), 'atlas')"},
      {
        "split=val&origin=atlas",
        "split = 'val' AND list_contains(list_transform(rois, r -> r.origin), 'atlas')"
      },
      {"split=nosuch", "false"},
      // Text searches, answered from the word index, count what a scan of the texts counts.
      {"q=zone", text("zone")},
      {"q=Nod", text("nod")},
      {"q=right+upper+zone", text("right upper zone")},
      {"q=upper+zo", text("upper zo")},
      {"q=zone.&split=train", "split = 'train' AND " + text("zone.")},
      {"q=effusion&has_roi=true", "len(rois) > 0 AND " + text("effusion")},
      {"q=%2C", text(",")},
      {"q=zzzqqq", text("zzzqqq")},
    };
    try (io.medloom.store.DatasetReader r = io.medloom.store.DatasetReader.open(dataset)) {
      for (String[] c : cases) {
        long expected = r.count("SELECT count(*) FROM samples WHERE " + c[1]);
        JsonNode page = JSON.readTree(get(review, "/api/samples?limit=500&" + c[0]).body());
        assertThat(page.path("total").asLong()).as(c[0]).isEqualTo(expected);
      }
    }
  }

  /** The searched text of a sample in SQL: its texts but desc.full and qa, lower-cased. */
  private static String text(String needle) {
    return "contains(lower(array_to_string(list_transform(list_filter(texts,"
        + " t -> t.kind NOT IN ('desc.full', 'qa')), t -> t.text), ' ')), '"
        + needle
        + "')";
  }

  @Test
  void sampleImageAndMask() throws Exception {
    String id =
        JSON.readTree(get(review, "/api/samples?limit=1").body())
            .path("items")
            .get(0)
            .path("id")
            .asText();
    JsonNode s = JSON.readTree(get(review, "/api/samples/" + id).body());
    assertThat(s.path("texts").size()).isPositive();
    assertThat(s.path("rois").size()).isPositive();
    HttpResponse<String> img = get(review, "/api/samples/" + id + "/image.png");
    assertThat(img.statusCode()).isEqualTo(200);
    assertThat(img.headers().firstValue("content-type")).contains("image/png");
    String roi = s.path("rois").get(0).path("id").asText();
    assertThat(get(review, "/api/samples/" + id + "/rois/" + roi + "/mask.png").statusCode())
        .isEqualTo(200);
    assertThat(get(review, "/api/samples/" + id + "/rois/nope/mask.png").statusCode())
        .isEqualTo(404);
  }

  @Test
  void badRequestsAreRefused() throws Exception {
    assertThat(get(review, "/api/samples/0123456789abcdef0123456789abcdef").statusCode())
        .isEqualTo(404);
    assertThat(get(review, "/api/samples/0123456789abcdef/image.png").statusCode()).isEqualTo(404);
    for (String bad :
        List.of(
            "offset=-1", "limit=0", "limit=abc", "limit=100000", "has_roi=maybe", "split=%27")) {
      assertThat(get(review, "/api/samples?" + bad).statusCode()).as(bad).isEqualTo(400);
    }
    for (String attempt :
        List.of(
            "/api/samples/..%2F..%2Fdataset.json",
            "/api/samples/%2e%2e/image.png",
            "/api/samples/..%252f..%252fetc%252fpasswd",
            "/../dataset.json",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/api/samples/a..b")) {
      int status = rawStatus(review, attempt);
      assertThat(status).as(attempt).isBetween(400, 499);
    }
    HttpResponse<String> home = get(review, "/");
    assertThat(home.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(home.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(home.headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void reviewWritesNeedTheTokenAndAreAppliedByAnnotate() throws Exception {
    JsonNode s =
        JSON.readTree(
            get(review, "/api/samples/" + firstWithRegionText() + "?dataset=demo").body());
    JsonNode text = null;
    for (JsonNode t : s.path("texts")) {
      if (t.path("kind").asText().equals("desc.roi")) {
        text = t;
      }
    }
    String body =
        JSON.writeValueAsString(
            java.util.Map.of(
                "sample_id", s.path("id").asText(),
                "reviewer", "dr test",
                "target",
                    java.util.Map.of(
                        "type", "text", "kind", "desc.roi", "roi_id", text.path("roi_id").asText()),
                "action", "reject",
                "before", java.util.Map.of("text", text.path("text").asText())));
    assertThat(post(review, body, null).statusCode()).isEqualTo(401);
    assertThat(post(review, body, "0".repeat(32)).statusCode()).isEqualTo(401);
    assertThat(post(readOnly, body, readOnly.token()).statusCode()).isEqualTo(404);
    assertThat(get(readOnly, "/api/review/queue").statusCode()).isEqualTo(404);
    assertThat(post(review, "{not json", review.token()).statusCode()).isEqualTo(400);
    // "before" names what the reviewer saw; the log records what the dataset holds, so a text the
    // sample does not have is refused rather than logged.
    String stale = body.replace(text.path("text").asText(), "A text the sample never had.");
    assertThat(post(review, stale, review.token()).statusCode()).isEqualTo(409);
    assertThat(post(review, body, review.token()).statusCode()).isEqualTo(201);
    assertThat(new ReviewLog(dataset).read().reviews())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reviewer()).isEqualTo("dr test");
              assertThat(r.before().path("origin").asText()).isEqualTo("composer:1");
            });
    JsonNode queue = JSON.readTree(get(review, "/api/review/queue?limit=500").body());
    assertThat(queue.path("total").asLong()).isPositive();
    // Lowest confidence first (no item fails a check on a fresh build); generated words carry a
    // measured confidence, so not everything is 1.
    List<Double> confidences = new java.util.ArrayList<>();
    queue.path("items").forEach(i -> confidences.add(i.path("confidence").asDouble()));
    assertThat(confidences).isSorted();
    assertThat(confidences.get(0)).isLessThan(1.0);
    for (JsonNode item : queue.path("items")) {
      assertThat(item.path("value").asText()).isNotEqualTo(text.path("text").asText()); // decided
    }
    // The server never rewrote the dataset; annotate applies the decision.
    applyReviews(dataset);
    try (DatasetReader r = DatasetReader.open(dataset)) {
      String texts = r.get(s.path("id").asText()).orElseThrow().textsJson();
      assertThat(texts).doesNotContain(text.path("text").asText());
    }
  }

  private String firstWithRegionText() throws Exception {
    for (JsonNode it :
        JSON.readTree(get(review, "/api/samples?q=zone&limit=50").body()).path("items")) {
      JsonNode s = JSON.readTree(get(review, "/api/samples/" + it.path("id").asText()).body());
      for (JsonNode t : s.path("texts")) {
        if (t.path("kind").asText().equals("desc.roi")) {
          return it.path("id").asText();
        }
      }
    }
    throw new AssertionError("no sample with a desc.roi");
  }

  /** What ./medloom annotate does: the annotation stage, then the review log. */
  static void applyReviews(Path dataset) throws Exception {
    ReviewApplier applier = new ReviewApplier(new ReviewLog(dataset).read().reviews());
    StageContext context;
    try (DatasetReader reader = DatasetReader.open(dataset)) {
      context = StageContext.of(reader.info().build().seed(), reader.info().inputSize().get(2));
    }
    StageRerun.run(
        dataset,
        List.of(new AnnotateStageProvider().stage(context), applier.stage()),
        Progress.NONE);
    assertThat(applier.applied()).isPositive();
    assertThat(Files.exists(dataset.resolve("_SUCCESS"))).isTrue();
  }
}
