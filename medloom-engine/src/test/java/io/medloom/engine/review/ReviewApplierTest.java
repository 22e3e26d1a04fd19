package io.medloom.engine.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Box;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.store.review.Review;
import io.medloom.store.review.ReviewLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewApplierTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Sample sample() {
    Roi lesion =
        new Roi(
            "lesion-1",
            "nodule",
            new Box(2, 2, 6, 6),
            Optional.empty(),
            0.25,
            "model",
            0.4,
            Map.of());
    return Sample.read(
            "s1",
            "t:x",
            "x.png",
            new Identity("p", "st"),
            "DX",
            "CHEST",
            "PA",
            new Raster(8, 8, 1, new byte[64]))
        .withRois(List.of(lesion))
        .withLabels(List.of(new Label("busi_class", 0, List.of(0), "benign", 1.0)))
        .withTexts(
            List.of(
                new Text(
                    "desc.roi",
                    "A nodule in the right upper zone.",
                    "composer:1",
                    Optional.of("lesion-1")),
                Text.of(
                    "desc.full",
                    "Chest radiograph. A nodule in the right upper zone.",
                    "composer:1")));
  }

  private static Review review(
      String type, String kind, String roi, String task, String action, String before, String after)
      throws Exception {
    return new Review(
        "2026-01-01T00:00:00Z",
        "dr a",
        "d",
        "s1",
        new Review.Target(type, kind, roi, task),
        action,
        before == null ? null : JSON.readTree(before),
        after == null ? null : JSON.readTree(after));
  }

  @Test
  void rejectedTextLeavesTheRegionTextAndTheFullText() throws Exception {
    ReviewApplier a =
        new ReviewApplier(
            List.of(
                review(
                    "text",
                    "desc.roi",
                    "lesion-1",
                    "",
                    "reject",
                    "{\"text\":\"A nodule in the right upper zone.\"}",
                    null)));
    Sample out = a.apply(sample());
    assertThat(out.texts()).extracting(Text::kind).containsExactly("desc.full");
    assertThat(out.texts().get(0).text()).isEqualTo("Chest radiograph.");
    assertThat(out.texts().get(0).origin()).isEqualTo(ReviewApplier.ANNOTATOR);
    assertThat(a.applied()).isEqualTo(1);
  }

  @Test
  void correctionsOfBoxLabelAndTextAreKeptAsAnnotator() throws Exception {
    ReviewApplier a =
        new ReviewApplier(
            List.of(
                review("roi", "", "lesion-1", "", "correct", null, "{\"box\":[1,1,4,5]}"),
                review(
                    "label",
                    "",
                    "",
                    "busi_class",
                    "correct",
                    "{\"index\":0}",
                    "{\"index\":1,\"name\":\"malignant\"}"),
                review(
                    "text",
                    "desc.roi",
                    "lesion-1",
                    "",
                    "correct",
                    "{\"text\":\"A nodule in the right upper zone.\"}",
                    "{\"text\":\"A nodule at the right apex.\"}")));
    Sample out = a.apply(sample());
    Roi r = out.rois().get(0);
    assertThat(r.box()).isEqualTo(new Box(1, 1, 4, 5));
    assertThat(r.origin()).isEqualTo("annotator");
    assertThat(r.confidence()).isEqualTo(1.0);
    assertThat(out.labels().get(0).name()).isEqualTo("malignant");
    assertThat(out.labels().get(0).index()).isEqualTo(1);
    assertThat(out.texts().get(0).text()).isEqualTo("A nodule at the right apex.");
    assertThat(out.texts().get(1).text()).contains("right apex");
  }

  @Test
  void aMovedBoxDropsTheGeneratedDescriptionOfWhereItWas() throws Exception {
    ReviewApplier a =
        new ReviewApplier(
            List.of(review("roi", "", "lesion-1", "", "correct", null, "{\"box\":[1,1,4,5]}")));
    Sample out = a.apply(sample());
    assertThat(out.texts()).extracting(Text::kind).containsExactly("desc.full");
    assertThat(out.texts().get(0).text()).isEqualTo("Chest radiograph.");
    // Applied again after annotate described the corrected box: the box is where the expert put
    // it, so the new description stays.
    Sample described =
        out.withTexts(
            List.of(
                new Text(
                    "desc.roi",
                    "A nodule in the right upper zone.",
                    "composer:1",
                    Optional.of("lesion-1"))));
    assertThat(a.apply(described).texts()).hasSize(1);
  }

  @Test
  void multilabelCorrectionsReplaceTheClasses() throws Exception {
    Sample s =
        sample()
            .withLabels(List.of(new Label("findings", -1, List.of(0), "no finding", Double.NaN)));
    ReviewApplier a =
        new ReviewApplier(
            List.of(
                review(
                    "label",
                    "",
                    "",
                    "findings",
                    "correct",
                    "{\"name\":\"no finding\"}",
                    "{\"indices\":[4,5],\"name\":\"nodule, mass\"}")));
    Label l = a.apply(s).labels().get(0);
    assertThat(l.indices()).containsExactly(4, 5);
    assertThat(l.index()).isEqualTo(-1);
    assertThat(l.name()).isEqualTo("nodule, mass");
  }

  @Test
  void aRejectedRegionTakesItsTextsAndStaleDecisionsAreCounted() throws Exception {
    ReviewApplier a =
        new ReviewApplier(
            List.of(
                review("roi", "", "lesion-1", "", "reject", null, null),
                review("text", "desc.roi", "lesion-9", "", "reject", "{\"text\":\"gone\"}", null)));
    Sample out = a.apply(sample());
    assertThat(out.rois()).isEmpty();
    assertThat(out.texts()).noneMatch(t -> t.roiId().isPresent());
    assertThat(a.stale()).isEqualTo(1);
  }

  @Test
  void theLogSurvivesATornLastLine(@TempDir Path dir) throws Exception {
    ReviewLog log = new ReviewLog(dir);
    log.append(review("roi", "", "lesion-1", "", "accept", null, null));
    Files.writeString(log.file(), "{\"time\":\"2026", java.nio.file.StandardOpenOption.APPEND);
    log.append(review("roi", "", "lesion-1", "", "reject", null, null));
    ReviewLog.Contents c = log.read();
    assertThat(c.reviews()).extracting(Review::action).containsExactly("accept", "reject");
    assertThat(c.unreadableLines()).isEqualTo(1);
    assertThatThrownBy(() -> review("text", "", "", "", "reject", null, null))
        .hasMessageContaining("kind");
    assertThatThrownBy(() -> review("roi", "", "r", "", "correct", null, null))
        .hasMessageContaining("after");
  }
}
