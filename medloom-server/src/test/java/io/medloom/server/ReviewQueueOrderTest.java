package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.store.DatasetVerifier;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review queue on a dataset whose doubtful regions are known by construction: 96x96 images (no
 * resampling), a dark lesion on an even background, no lungs, so regions are placed on the 3x3
 * image grid (lines at x, y = 32 and 64). One region sits in the middle of a grid cell with a size
 * between size words; the others each have one reason for doubt.
 */
class ReviewQueueOrderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int N = 96;
  @TempDir Path tmp;

  static BiPredicate<Integer, Integer> disc(double cx, double cy, double r) {
    return (x, y) -> (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) <= r * r;
  }

  void write(Path dir, String name, BiPredicate<Integer, Integer> lesion) throws Exception {
    BufferedImage img = new BufferedImage(N, N, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage mask = new BufferedImage(N, N, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        boolean in = lesion.test(x, y);
        img.getRaster().setSample(x, y, 0, in ? 60 : 140);
        mask.getRaster().setSample(x, y, 0, in ? 255 : 0);
      }
    }
    Files.createDirectories(dir);
    ImageIO.write(img, "png", dir.resolve(name + ".png").toFile());
    ImageIO.write(mask, "png", dir.resolve(name + "_mask.png").toFile());
  }

  @Test
  void doubtfulRegionsComeFirst() throws Exception {
    Path src = tmp.resolve("src");
    write(src.resolve("a"), "sure", disc(48, 48, 8));
    // Centroid on the grid line x = 32: left or centre is a coin toss.
    write(src.resolve("a"), "onaline", disc(32, 48, 8));
    // 92 px = 1% of the image, the small / moderate-sized border.
    write(src.resolve("b"), "sizeborder", disc(48, 48, 5.42));
    // Two equal pieces drawn in one mask: one lesion or two?
    write(
        src.resolve("b"),
        "fragmented",
        (x, y) -> disc(16, 16, 6).test(x, y) || disc(80, 80, 6).test(x, y));
    Path out = tmp.resolve("ds");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("seg:" + src)),
            out,
            N,
            2,
            0.0,
            0.0,
            1,
            20,
            1L << 28,
            Optional.empty(),
            "doubt"),
        Progress.NONE);
    assertThat(DatasetVerifier.verify(out).problems()).isEmpty();
    try (ViewerServer s =
        ViewerServer.start(List.of(out), new ViewerServer.Options("127.0.0.1", 0, true))) {
      JsonNode queue = get(s, "/api/review/queue?limit=100");
      List<String> regionOrder = new ArrayList<>();
      List<Double> confidences = new ArrayList<>();
      for (JsonNode item : queue.path("items")) {
        confidences.add(item.path("confidence").asDouble());
        if (item.path("target").path("kind").asText().equals("desc.roi")) {
          JsonNode sample = get(s, "/api/samples/" + item.path("sample_id").asText());
          regionOrder.add(caseOf(sample) + ":" + item.path("doubt").asText());
          assertThat(item.path("value").asText())
              .contains("darker than the surrounding tissue")
              .doesNotContainPattern("(hyper|hypo|iso)(dense|echoic)");
        }
      }
      assertThat(confidences).isSorted();
      // Five region descriptions (the fragmented mask gives two); the sure one last, each doubtful
      // one named by the part that makes it doubtful.
      assertThat(regionOrder).hasSize(5);
      assertThat(regionOrder.get(4)).startsWith("sure:");
      assertThat(regionOrder.subList(0, 4))
          .containsExactlyInAnyOrder(
              "onaline:location",
              "sizeborder:size",
              "fragmented:fragments",
              "fragmented:fragments");
      for (JsonNode item : queue.path("items")) {
        if (item.path("target").path("kind").asText().equals("desc.roi")) {
          String who = caseOf(get(s, "/api/samples/" + item.path("sample_id").asText()));
          double c = item.path("confidence").asDouble();
          if (who.equals("sure")) {
            assertThat(c).as(who).isGreaterThan(0.95);
          } else {
            assertThat(c).as(who).isLessThan(0.65);
          }
        }
      }
    }
  }

  /**
   * Which constructed case a sample is, from its regions (ids and paths are keyed for privacy;
   * count, size and position tell the cases apart).
   */
  private static String caseOf(JsonNode sample) {
    JsonNode rois = sample.path("rois");
    if (rois.size() == 2) {
      return "fragmented";
    }
    JsonNode a = rois.get(0).path("attributes");
    double area = a.path("attr.size.area_fraction").asDouble();
    if (area < 0.015) {
      return "sizeborder";
    }
    return rois.get(0).path("box").get(0).asInt() < 30 ? "onaline" : "sure";
  }

  private static JsonNode get(ViewerServer s, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
