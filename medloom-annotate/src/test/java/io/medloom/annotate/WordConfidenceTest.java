package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.medloom.core.image.BitMask;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Synthetic films where the doubtful region is known by construction (lungs span y 10..90, zone
 * borders at y 36.7 and 63.3, spine x 48..52 so the midline is x 50; 100x100 = 10^4 pixels).
 */
class WordConfidenceTest {
  static BitMask disc(double cx, double cy, double r) {
    return GeometryTest.mask(
        (x, y) -> (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) <= r * r);
  }

  /** The stage's attributes of the (first) finding region. */
  static Map<String, String> annotated(BitMask lesion) {
    Sample out =
        new AnnotateStageProvider(List.of())
            .apply(GeometryTest.chest("PA", "DX", lesion, 180, true));
    return StageRoisTest.findings(out).get(0).attributes();
  }

  static double c(Map<String, String> a, String part) {
    return Double.parseDouble(a.get("attr.confidence." + part));
  }

  @Test
  void aRegionOnAZoneBorderIsDoubtedAndOneInsideAZoneIsNot() {
    // Radius 4: centroid on the upper/middle border (y = 36.67) versus 8.7 px inside the upper
    // zone.
    Map<String, String> onBorder = annotated(disc(25, 36.67, 4));
    Map<String, String> inside = annotated(disc(25, 28, 4));
    assertThat(c(onBorder, "location")).isLessThan(0.55);
    assertThat(c(inside, "location")).isEqualTo(1.0);
    assertThat(c(onBorder, "words")).isLessThan(0.55);
    assertThat(c(inside, "words")).isGreaterThan(0.9);
  }

  @Test
  void sideIsDoubtedWhereTheMidlineShareIsNearItsThreshold() {
    // 8 px wide: 2 columns (x 48, 49) left of the midline is a share of exactly 0.25.
    Map<String, String> atThreshold = annotated(GeometryTest.rect(48, 26, 56, 34));
    // Entirely image-left of the spine, far from it.
    Map<String, String> clear = annotated(GeometryTest.rect(20, 26, 28, 34));
    // Half and half: clearly midline.
    Map<String, String> straddling = annotated(GeometryTest.rect(46, 26, 54, 34));
    assertThat(atThreshold).containsEntry("attr.loc.side", "midline");
    assertThat(c(atThreshold, "location")).isCloseTo(0.5, within(1e-9));
    assertThat(clear).containsEntry("attr.loc.side", "right");
    assertThat(straddling).containsEntry("attr.loc.side", "midline");
    assertThat(c(straddling, "location")).isGreaterThan(0.9);
    assertThat(c(clear, "location")).isGreaterThan(0.9);
  }

  @Test
  void aSizeAtAWordBorderIsDoubted() {
    // 1% of the image (100 px) is the small / moderate-sized border: r = sqrt(100 / pi) = 5.64.
    Map<String, String> atBorder = annotated(disc(25, 25, 5.64));
    Map<String, String> between = annotated(disc(25, 25, 8.5)); // 227 px, between 100 and 500
    assertThat(c(atBorder, "size")).isLessThan(0.75);
    assertThat(c(between, "size")).isEqualTo(1.0);
    assertThat(WordConfidence.size(100, 10_000)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void aFragmentedMaskIsDoubtedByItsShare() {
    // Two equal squares: each piece is half of what was drawn.
    BitMask two =
        GeometryTest.mask(
            (x, y) ->
                (x >= 15 && x < 23 && y >= 20 && y < 28)
                    || (x >= 30 && x < 38 && y >= 20 && y < 28));
    Sample out =
        new AnnotateStageProvider(List.of()).apply(GeometryTest.chest("PA", "DX", two, 180, true));
    List<Roi> pieces = StageRoisTest.findings(out);
    assertThat(pieces).hasSize(2);
    for (Roi r : pieces) {
      assertThat(r.attributes()).containsEntry("component_share", "0.5000");
      assertThat(c(r.attributes(), "fragments")).isEqualTo(0.5);
      assertThat(c(r.attributes(), "words")).isLessThanOrEqualTo(0.5);
    }
    // A main body with a dropped speck keeps almost all of it.
    BitMask speck =
        GeometryTest.mask(
            (x, y) -> (x >= 15 && x < 23 && y >= 20 && y < 28) || (y == 60 && x >= 30 && x < 33));
    assertThat(c(annotated(speck), "fragments")).isCloseTo(64 / 67.0, within(1e-4));
  }

  @Test
  void appearanceWordsNearTheirThresholdsAreDoubted() {
    // Contrast +9 gray levels: just past the 8-level "hyper" border.
    Map<String, String> faint = annotated(disc(25, 26, 4), 109);
    Map<String, String> bright = annotated(disc(25, 26, 4), 180);
    assertThat(faint).containsEntry("attr.intensity.relative", "hyperdense");
    assertThat(c(faint, "intensity")).isCloseTo(0.625, within(1e-9));
    assertThat(c(bright, "intensity")).isEqualTo(1.0);
  }

  static Map<String, String> annotated(BitMask lesion, int inside) {
    Sample out =
        new AnnotateStageProvider(List.of())
            .apply(GeometryTest.chest("PA", "DX", lesion, inside, true));
    return StageRoisTest.findings(out).get(0).attributes();
  }
}
