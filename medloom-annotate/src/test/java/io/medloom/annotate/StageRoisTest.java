package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Box;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.RoiProposer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ROI preparation in the stage: mask components, atlas lung zones, proposers. */
class StageRoisTest {
  static final int N = GeometryTest.N;

  static List<Roi> findings(Sample s) {
    return s.rois().stream().filter(r -> !Anatomy.isAnatomy(r)).toList();
  }

  @Test
  void maskWithTwoBlobsAndASpeckBecomesTwoRois() {
    // Blob 1: 8x8 = 64 px; blob 2: 10x5 = 50 px; speck: 3 px (< max(16, 0.05% of 10^4 = 5)).
    BitMask m =
        GeometryTest.mask(
            (x, y) ->
                (x >= 15 && x < 23 && y >= 15 && y < 23)
                    || (x >= 60 && x < 70 && y >= 70 && y < 75)
                    || (y == 50 && x >= 30 && x < 33));
    Sample s = GeometryTest.chest("PA", "DX", m, 180, true);
    Sample out = new AnnotateStageProvider(List.of()).apply(s);
    List<Roi> f = findings(out);
    assertThat(f).extracting(Roi::id).containsExactly("lesion-1-1", "lesion-1-2");
    assertThat(f).extracting(Roi::label).containsOnly("nodule");
    assertThat(f).allMatch(r -> r.origin().equals("mask"));
    assertThat(f.get(0).attributes())
        .containsEntry("component", "1")
        .containsEntry("specks_dropped", "1")
        .containsEntry("attr.loc.side", "right")
        .containsEntry("attr.loc.zone", "upper");
    assertThat(f.get(1).attributes())
        .containsEntry("component", "2")
        .containsEntry("attr.loc.side", "left")
        .containsEntry("attr.loc.zone", "lower");
    assertThat(f.get(0).box()).isEqualTo(new Box(15, 15, 23, 23));
    assertThat(f.get(1).box()).isEqualTo(new Box(60, 70, 70, 75));
    assertThat(f.get(0).areaFraction()).isEqualTo(64.0 / (N * N));
    assertThat(f.get(1).areaFraction()).isEqualTo(50.0 / (N * N));
    assertThat(f.get(0).mask().get().count()).isEqualTo(64);
    assertThat(out.texts().stream().filter(t -> t.kind().equals("desc.roi")).count()).isEqualTo(2);
    assertThat(MaskComponents.minPixels(N, N)).isEqualTo(16);
    assertThat(MaskComponents.minPixels(224, 224)).isEqualTo(26);
  }

  @Test
  void singleComponentAndAllSpeckMasksAreKeptAsIs() {
    Sample one = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true);
    assertThat(findings(new AnnotateStageProvider(List.of()).apply(one)))
        .singleElement()
        .satisfies(r -> assertThat(r.id()).isEqualTo("lesion-1"))
        .satisfies(r -> assertThat(r.attributes()).doesNotContainKeys("component"));
    BitMask specks = GeometryTest.mask((x, y) -> y == 20 && (x == 20 || x == 40));
    Sample two = GeometryTest.chest("PA", "DX", specks, 180, true);
    assertThat(findings(new AnnotateStageProvider(List.of()).apply(two)))
        .singleElement()
        .satisfies(r -> assertThat(r.mask().get().count()).isEqualTo(2));
  }

  @Test
  void sixLungZonesTileEachLungExactly() {
    Sample s = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true);
    AnnotateStageProvider p = new AnnotateStageProvider(List.of());
    Sample out = p.apply(s);
    List<Roi> zones = out.rois().stream().filter(Anatomy::isLungZone).toList();
    assertThat(zones)
        .extracting(Roi::label)
        .containsExactly(
            "right upper zone",
            "right middle zone",
            "right lower zone",
            "left upper zone",
            "left middle zone",
            "left lower zone");
    assertThat(zones)
        .allMatch(r -> r.origin().equals("atlas") && r.confidence() == 1.0)
        .allMatch(r -> "lung-zones".equals(r.attributes().get("atlas")));
    for (String side : List.of("right", "left")) {
      Roi lung = out.rois().stream().filter(r -> Anatomy.isLung(r, side)).findFirst().get();
      byte[] l = lung.mask().get().toBytes();
      int[] cover = new int[N * N];
      for (Roi z : zones) {
        if (z.label().startsWith(side + " ")) {
          byte[] zm = z.mask().get().toBytes();
          for (int i = 0; i < zm.length; i++) {
            cover[i] += zm[i];
          }
        }
      }
      for (int i = 0; i < cover.length; i++) {
        assertThat(cover[i]).as("pixel %d of the %s lung", i, side).isEqualTo(l[i]);
      }
    }
    // The same thirds as loc.zone: a lesion inside each zone gets that zone.
    Roi rightUpper = zones.get(0);
    assertThat(rightUpper.box()).isEqualTo(new Box(10, 10, 45, 37));
    // Zones are anatomy: no description of their own, no change to the lesion's neighbours.
    assertThat(out.texts().stream().filter(t -> t.kind().equals("desc.roi")).count()).isEqualTo(1);
    Roi lesion = out.rois().stream().filter(r -> r.id().equals("lesion-1")).findFirst().get();
    assertThat(lesion.attributes()).containsEntry("attr.neighbours", "right lung");
    // Idempotent: zones are recomputed, not stacked.
    Sample twice = p.apply(out);
    assertThat(twice.rois()).hasSameSizeAs(out.rois());
    assertThat(twice.texts()).isEqualTo(out.texts());
  }

  @Test
  void proposerRunsOnlyOnImagesWithoutFindingRois() {
    byte[] px = new byte[N * N];
    Arrays.fill(px, (byte) 100);
    for (int y = 60; y < 70; y++) {
      for (int x = 20; x < 30; x++) {
        px[y * N + x] = (byte) 220;
      }
    }
    Sample bare =
        Sample.read(
                "s3",
                "test:x",
                "x.png",
                new Identity("p", "st"),
                "DX",
                "CHEST",
                "PA",
                new Raster(N, N, 1, px))
            .withRois(
                List.of(
                    Roi.fromMask(
                            "anatomy-1",
                            "right lung",
                            GeometryTest.rect(10, 10, 45, 90),
                            "mask",
                            Map.of())
                        .get(),
                    Roi.fromMask(
                            "anatomy-2",
                            "left lung",
                            GeometryTest.rect(55, 10, 90, 90),
                            "mask",
                            Map.of())
                        .get()));
    BrightestBlobProposer proposer = new BrightestBlobProposer(5);
    AnnotateStageProvider p = new AnnotateStageProvider(List.of(proposer));
    Sample out = p.apply(bare);
    Roi blob = findings(out).get(0);
    assertThat(findings(out)).hasSize(1);
    assertThat(blob.origin()).isEqualTo("model:brightest-blob");
    assertThat(blob.confidence()).isEqualTo(0.7);
    assertThat(blob.box()).isEqualTo(new Box(20, 60, 30, 70));
    assertThat(blob.attributes())
        .containsEntry("model", "brightest-blob")
        .containsEntry("attr.loc.side", "right")
        .containsEntry("attr.loc.zone", "lower");
    assertThat(out.texts())
        .anyMatch(t -> t.kind().equals("desc.roi") && t.text().contains("nodule"));
    assertThat(proposer.calls).isEqualTo(1);
    // Re-running does not propose again (the sample now has a finding ROI) ...
    p.apply(out);
    // ... nor does a sample that came with a finding, nor one without an image.
    p.apply(GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true));
    assertThat(proposer.calls).isEqualTo(1);
    // The ServiceLoader constructor finds no proposer: none ships in production.
    assertThat(java.util.ServiceLoader.load(RoiProposer.class).findFirst()).isEmpty();
    List<Text> none = new AnnotateStageProvider().apply(bare).texts();
    assertThat(none).noneMatch(t -> t.kind().equals("desc.roi"));
  }
}
