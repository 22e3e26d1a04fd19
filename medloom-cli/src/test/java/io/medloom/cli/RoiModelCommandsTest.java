package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.image.PngEncoder;
import io.medloom.server.ViewerServer;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import io.medloom.store.read.SplitScheme;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lung model learnt on the phantom's lung masks outlines lungs on films that came without them:
 * the phantom's PA films written out as a covid-chestxray folder (no regions), one of them with
 * COCO lung boxes. Tiny everything (32 px, a 4-8 U-Net, a few epochs): this checks the plumbing,
 * not the model.
 */
class RoiModelCommandsTest {
  @TempDir static Path tmp;
  static Path model;
  static Path films;

  @BeforeAll
  static void setUp() throws Exception {
    Path ph = tmp.resolve("ph");
    Cli b = Cli.run("build", "--source", "phantom:24", "--out", ph.toString(), "--size", "32");
    assertThat(b.exitCode()).as(b.out()).isZero();
    model = tmp.resolve("lungs");
    Cli t =
        Cli.run(
            "train",
            "seg",
            ph.toString(),
            "--roi-label",
            "right lung",
            "--roi-label",
            "left lung",
            "--view",
            "PA",
            "--widths",
            "4,8",
            "--image-size",
            "32",
            "--epochs",
            "4",
            "--batch",
            "4",
            "--lr",
            "0.01",
            "--no-test",
            "--out",
            model.toString());
    assertThat(t.exitCode()).as(t.out() + t.err()).isZero();
    films = tmp.resolve("films");
    Files.createDirectories(films.resolve("images"));
    StringBuilder csv =
        new StringBuilder("patientid,offset,sex,finding,view,modality,folder,filename\n");
    int n = 0;
    try (SampleReader r =
        SampleReader.open(ph, SplitScheme.MEDLOOM, Optional.empty(), Set.of(Column.IMAGE))) {
      for (int i = 0; i < r.size() && n < 8; i++) {
        SampleRecord s = r.get(i, Set.of(Column.IMAGE));
        if (!s.view().equals("PA")) {
          continue;
        }
        String f = "f" + n + ".png";
        Files.write(films.resolve("images").resolve(f), new PngEncoder().encode(s.image().get()));
        csv.append(n)
            .append(",0,M,No Finding,")
            .append(n == 0 ? "PA" : n == 1 ? "L" : "AP")
            .append(",X-ray,images,")
            .append(f)
            .append('\n');
        n++;
      }
    }
    Files.writeString(films.resolve("metadata.csv"), csv);
    // Film 0 has its lungs boxed by hand, roughly where the phantom puts them.
    Files.writeString(
        films.resolve("boxes.json"),
        """
        {"images": [{"id": 1, "file_name": "f0.png", "width": 32, "height": 32}],
         "categories": [{"id": 1, "name": "Right Lung"}, {"id": 2, "name": "Left Lung"}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 1, "bbox": [4, 5, 11, 20]},
           {"id": 2, "image_id": 1, "category_id": 2, "bbox": [17, 5, 11, 20]}]}
        """);
  }

  static long count(Path ds, String sql) {
    Cli q = Cli.run("query", ds.toString(), sql);
    assertThat(q.exitCode()).as(q.err()).isZero();
    return Long.parseLong(q.out().lines().skip(1).findFirst().orElseThrow().strip());
  }

  static final String MODEL_ROIS =
      "select coalesce(sum(len(list_filter(rois, r -> r.origin = 'model:lungs'))), 0) from samples";
  static final String MODEL_DESC =
      "select count(*) from samples, unnest(texts) t(x), unnest(rois) u(r)"
          + " where x.kind = 'desc.roi' and x.roi_id = r.id and r.origin = 'model:lungs'";

  @Test
  void buildAndAnnotateAddModelLungsThatVerifyAccepts() throws Exception {
    Path ds = tmp.resolve("ds");
    Cli b =
        Cli.run(
            "build",
            "--source",
            "covid-chestxray:" + films,
            "--out",
            ds.toString(),
            "--size",
            "32",
            "--roi-model",
            model.toString());
    assertThat(b.exitCode()).as(b.out() + b.err()).isZero();
    assertThat(b.out()).contains("roi model lungs: asked about 8 images");
    long lungs = count(ds, MODEL_ROIS);
    // Frontal films only (7 of 8), at most one region per side.
    assertThat(lungs).isPositive().isLessThanOrEqualTo(14);
    assertThat(count(ds, MODEL_ROIS.replace("from samples", "from samples where view = 'LATERAL'")))
        .isZero();
    assertThat(count(ds, MODEL_DESC)).isPositive();
    assertThat(
            count(
                ds,
                "select count(*) from samples, unnest(rois) u(r) where r.origin = 'model:lungs'"
                    + " and (r.confidence <= 0 or r.confidence > 1"
                    + " or r.attributes['model'] <> 'lungs')"))
        .isZero();
    Cli v = Cli.run("verify", ds.toString());
    assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
    // Annotating again replaces the model's regions instead of stacking them.
    Cli a = Cli.run("annotate", ds.toString(), "--roi-model", model.toString());
    assertThat(a.exitCode()).as(a.out() + a.err()).isZero();
    assertThat(count(ds, MODEL_ROIS)).isEqualTo(lungs);
    assertThat(Cli.run("verify", ds.toString()).exitCode()).isZero();
    assertReviewQueueListsModelLungsByConfidence(ds, lungs);
    // Not a model folder: a clear error before anything is built.
    Cli bad =
        Cli.run(
            "build",
            "--source",
            "covid-chestxray:" + films,
            "--out",
            tmp.resolve("bad").toString(),
            "--roi-model",
            films.toString());
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("model.json is missing");
    assertThat(tmp.resolve("bad")).doesNotExist();
  }

  @Test
  void evalLungsScoresBoxedFilmsAndDrawsTheGrid() throws Exception {
    Path ds = tmp.resolve("boxed");
    Cli b =
        Cli.run(
            "build",
            "--source",
            "covid-chestxray:" + films + "?boxes=boxes.json",
            "--out",
            ds.toString(),
            "--size",
            "32");
    assertThat(b.exitCode()).as(b.out() + b.err()).isZero();
    assertThat(count(ds, "select count(*) from samples, unnest(rois) u(r) where r.origin = 'box'"))
        .isEqualTo(2);
    Path out = tmp.resolve("eval");
    Cli e = Cli.run("eval", "lungs", model.toString(), ds.toString(), "--out", out.toString());
    assertThat(e.exitCode()).as(e.out() + e.err()).isZero();
    assertThat(e.out()).contains("lungs: 7 frontal films", "1 films with lung boxes");
    JsonNode j = new ObjectMapper().readTree(out.resolve("lungs.json").toFile());
    assertThat(j.path("frontal_films").asInt()).isEqualTo(7);
    assertThat(j.path("films_with_boxes").asInt()).isEqualTo(1);
    assertThat(j.path("box_iou_mean").asDouble()).isBetween(0.0, 1.0);
    // One film: the median box is that film's own box.
    assertThat(j.path("fixed_median_box_iou").asDouble()).isEqualTo(1.0);
    assertThat(out.resolve("lungs-grid.png")).exists();
  }

  /**
   * The review queue holds every model lung as a region item with the region's own confidence (a
   * model lung is never sure), and the whole queue runs lowest confidence first.
   */
  static void assertReviewQueueListsModelLungsByConfidence(Path ds, long lungs) throws Exception {
    try (ViewerServer s =
        ViewerServer.start(List.of(ds), new ViewerServer.Options("127.0.0.1", 0, true))) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + s.port() + "/api/review/queue?limit=500"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode queue = new ObjectMapper().readTree(r.body());
      List<Double> all = new ArrayList<>();
      List<Double> model = new ArrayList<>();
      for (JsonNode item : queue.path("items")) {
        double c = item.path("confidence").asDouble();
        all.add(c);
        if (item.path("target").path("type").asText().equals("roi")
            && item.path("origin").asText().equals("model:lungs")) {
          model.add(c);
        }
      }
      assertThat(queue.path("total").asInt()).isEqualTo(all.size());
      assertThat(all).isSorted();
      assertThat(model).hasSize((int) lungs).allSatisfy(c -> assertThat(c).isBetween(0.0, 0.999));
    }
  }
}
