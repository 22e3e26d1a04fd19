package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposerTest {
  static Map<String, Map<String, String>> attrs(Sample s) {
    Map<String, Map<String, String>> m = new HashMap<>();
    for (Roi r : s.rois()) {
      m.put(r.id(), RoiAttributes.compute(s, r));
    }
    return m;
  }

  @Test
  void sameSeedSameTextsAndAllKindsPresent() {
    // Centroid y 25.5 in a lung spanning 10..90: t = 0.2, upper zone but not apex (< 0.15).
    Sample s = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true);
    List<Text> a = Composer.compose(s, attrs(s), 42);
    assertThat(Composer.compose(s, attrs(s), 42)).isEqualTo(a);
    assertThat(a)
        .extracting(Text::kind)
        .containsExactly("desc.global", "desc.roi", "desc.relation", "desc.full");
    assertThat(a).allMatch(t -> t.origin().equals("composer:1"));
    assertThat(a.get(1).roiId()).contains("lesion-1");
    assertThat(a.get(1).text()).contains("nodule").contains("right upper zone");
    assertThat(a.get(2).text()).contains("right lung");
    // Different seeds vary the phrasing somewhere over a few tries.
    assertThat(
            java.util.stream.LongStream.range(0, 10)
                .mapToObj(seed -> Composer.compose(s, attrs(s), seed).get(1).text())
                .distinct()
                .count())
        .isGreaterThan(1);
  }

  @Test
  void aFindingTheReportRulesOutIsNotDescribed() {
    Sample s = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true);
    Sample denied =
        s.withTriplets(
            List.of(new io.medloom.core.model.Triplet("lung", "nodule", "absent", "No nodule.")));
    Composer.Composition c = Composer.composeCounted(denied, attrs(denied), 42);
    assertThat(c.texts()).extracting(Text::kind).doesNotContain("desc.roi", "desc.relation");
    assertThat(c.texts()).noneMatch(t -> t.text().contains("nodule"));
    assertThat(c.rejected()).isEqualTo(1);
    // Hedged elsewhere in the same report: not ruled out, so the region is described.
    Sample hedged =
        s.withTriplets(
            List.of(
                new io.medloom.core.model.Triplet("lung", "nodule", "absent", "No nodule."),
                new io.medloom.core.model.Triplet("lung", "nodule", "uncertain", "?nodule")));
    assertThat(Composer.composeCounted(hedged, attrs(hedged), 42).texts())
        .extracting(Text::kind)
        .contains("desc.roi");
  }

  @Test
  void imageWithoutRoisStillGetsAGlobal() {
    Sample s =
        Sample.read(
            "s2",
            "test:x",
            "x.png",
            new Identity("p", "st"),
            "DX",
            "CHEST",
            "PA",
            new Raster(8, 8, 1, new byte[64]));
    List<Text> t = Composer.compose(s, Map.of(), 1);
    assertThat(t.get(0).kind()).isEqualTo("desc.global");
    assertThat(t.get(0).text())
        .containsAnyOf(
            "Chest radiograph, PA view.",
            "Radiograph of the chest, PA projection.",
            "A PA chest radiograph.");
  }

  static String text(List<Text> texts, String kind) {
    return texts.stream().filter(t -> t.kind().equals(kind)).findFirst().orElseThrow().text();
  }

  static int count(String text, String word) {
    return text.split("\\b" + word + "\\b", -1).length - 1;
  }

  @Test
  void theFullTextSaysEachFactOnce() {
    Sample s = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true);
    for (long seed = 0; seed < 6; seed++) {
      List<Text> t = Composer.compose(s, attrs(s), seed);
      String full = text(t, "desc.full");
      assertThat(full).contains(text(t, "desc.roi"));
      assertThat(count(full, "hyperdense")).as(full).isEqualTo(1);
      assertThat(count(full, "homogeneous")).as(full).isEqualTo(1);
      assertThat(full).doesNotContain("appears");
    }
  }

  @Test
  void anUnknownModalityGetsNeutralWords() {
    for (String modality : List.of("OT", "XC")) {
      Sample s = GeometryTest.chest("", modality, GeometryTest.rect(20, 20, 30, 30), 40, false);
      for (long seed = 0; seed < 6; seed++) {
        List<Text> t = Composer.compose(s, attrs(s), seed);
        String all = t.stream().map(Text::text).reduce("", (a, b) -> a + " " + b);
        assertThat(all).doesNotContainPattern("(hyper|hypo|iso)(dense|intense|echoic)");
        assertThat(text(t, "desc.roi")).contains("darker than");
        if (modality.equals("OT")) {
          assertThat(text(t, "desc.global")).contains("modality not recorded");
        }
        assertThat(count(text(t, "desc.full"), "darker")).isEqualTo(1);
      }
    }
    // A recorded ultrasound keeps its own words.
    Sample us = GeometryTest.chest("", "US", GeometryTest.rect(20, 20, 30, 30), 40, false);
    assertThat(text(Composer.compose(us, attrs(us), 1), "desc.roi")).contains("hypoechoic");
  }

  @Test
  void consistencyCheckCatchesWrongSideAndZone() {
    Map<String, String> a =
        Map.of(
            "loc.side",
            "right",
            "loc.zone",
            "upper",
            "neighbours",
            "right lung",
            "loc.organ",
            "right lung",
            "texture",
            "homogeneous");
    assertThat(ConsistencyCheck.agrees("A nodule in the right upper zone, homogeneous.", a))
        .isTrue();
    assertThat(ConsistencyCheck.agrees("A nodule in the left upper zone.", a)).isFalse();
    assertThat(ConsistencyCheck.agrees("A nodule in the right lower zone.", a)).isFalse();
    assertThat(ConsistencyCheck.agrees("It lies within the right lung.", a)).isTrue();
    assertThat(ConsistencyCheck.agrees("It touches the left lung.", a)).isFalse();
    assertThat(ConsistencyCheck.agrees("A heterogeneous nodule.", a)).isFalse();
    assertThat(ConsistencyCheck.agrees("Nodule at the right apex.", a)).isFalse();
  }

  @Test
  void stageMergesAttributesAndIsIdempotent() {
    Sample s = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 15, 30, 25), 180, true);
    AnnotateStageProvider p = new AnnotateStageProvider();
    Sample once = p.apply(s);
    Sample twice = p.apply(once);
    assertThat(twice.texts()).isEqualTo(once.texts());
    assertThat(once.rois().get(3).attributes()).containsEntry("attr.loc.side", "right");
    assertThat(
            java.util.ServiceLoader.load(io.medloom.core.pipeline.StageProvider.class).stream()
                .anyMatch(x -> x.type() == AnnotateStageProvider.class))
        .isTrue();
  }
}
