package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.RoiProposer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A proposer of named anatomy (a lung model): its regions go only to images lacking that label,
 * carry origin model:NAME and the model's score, get lung zones and a region description, and a
 * re-run replaces them instead of stacking them.
 */
class ModelRegionsTest {
  static final int N = GeometryTest.N;

  /** Two fixed lung rectangles with the given confidences; counts its calls. */
  static final class FixedLungs implements RoiProposer {
    int calls;

    @Override
    public String name() {
      return "lungs-v1";
    }

    @Override
    public Set<String> labels() {
      return Set.of("right lung", "left lung");
    }

    @Override
    public List<Roi> propose(Sample s) {
      calls++;
      return List.of(
          scored(
              Roi.fromMask("r", "right lung", GeometryTest.rect(10, 10, 45, 90), "mask", Map.of())
                  .get(),
              0.9),
          scored(
              Roi.fromMask("l", "left lung", GeometryTest.rect(55, 12, 90, 88), "mask", Map.of())
                  .get(),
              0.6));
    }
  }

  static Roi scored(Roi r, double c) {
    return new Roi(r.id(), r.label(), r.box(), r.mask(), r.areaFraction(), "mask", c, Map.of());
  }

  static Sample film(List<Roi> rois) {
    byte[] px = new byte[N * N];
    Arrays.fill(px, (byte) 100);
    return Sample.read(
            "f1",
            "test:x",
            "x.png",
            new Identity("p", "st"),
            "DX",
            "CHEST",
            "PA",
            new Raster(N, N, 1, px))
        .withRois(rois);
  }

  static List<Roi> byOrigin(Sample s, String origin) {
    return s.rois().stream().filter(r -> r.origin().equals(origin)).toList();
  }

  @Test
  void aFilmWithoutLungsGetsTheModelsLungsZonesAndDescriptions() {
    FixedLungs model = new FixedLungs();
    AnnotateStageProvider p = new AnnotateStageProvider(List.of(model));
    Sample out = p.apply(film(List.of()));
    List<Roi> lungs = byOrigin(out, "model:lungs-v1");
    assertThat(lungs).extracting(Roi::label).containsExactly("right lung", "left lung");
    assertThat(lungs).extracting(Roi::confidence).containsExactly(0.9, 0.6);
    assertThat(lungs.get(0).attributes())
        .containsEntry("model", "lungs-v1")
        .containsEntry("attr.loc.side", "right");
    // Atlas zones are cut from the model's lungs: three per side.
    assertThat(out.rois()).filteredOn(Anatomy::isLungZone).hasSize(6);
    List<Text> desc = out.texts().stream().filter(t -> t.kind().equals("desc.roi")).toList();
    assertThat(desc).hasSize(2);
    assertThat(desc.get(0).roiId()).contains(lungs.get(0).id());
    assertThat(desc.get(0).text())
        .contains("lung field on the patient's right side", "lungs-v1", "0.90");
    assertThat(desc.get(1).text()).contains("patient's left side", "0.60");
    // The full description names the outlined fields; no finding is invented.
    Text full = out.texts().stream().filter(t -> t.kind().equals("desc.full")).findFirst().get();
    assertThat(full.text()).contains("lungs-v1", "No focal region of interest is marked.");
    // A re-run replaces the model's regions: still one per side, and the same texts.
    Sample again = p.apply(out);
    assertThat(byOrigin(again, "model:lungs-v1")).hasSize(2);
    assertThat(again.texts()).isEqualTo(out.texts());
    assertThat(model.calls).isEqualTo(2);
  }

  @Test
  void onlyMissingLabelsAreAddedAndAFilmWithBothIsLeftAlone() {
    FixedLungs model = new FixedLungs();
    AnnotateStageProvider p = new AnnotateStageProvider(List.of(model));
    BitMask drawn = GeometryTest.rect(12, 10, 44, 90);
    Roi right = Roi.fromMask("anatomy-1", "Right Lung", drawn, "mask", Map.of()).get();
    Sample out = p.apply(film(List.of(right)));
    assertThat(byOrigin(out, "model:lungs-v1")).extracting(Roi::label).containsExactly("left lung");
    assertThat(byOrigin(out, "mask")).extracting(Roi::label).containsExactly("Right Lung");
    Roi left =
        Roi.fromMask("anatomy-2", "left lung", GeometryTest.rect(55, 10, 90, 90), "box", Map.of())
            .get();
    List<Roi> both = new ArrayList<>(List.of(right, left));
    Sample full = p.apply(film(both));
    assertThat(byOrigin(full, "model:lungs-v1")).isEmpty();
    assertThat(model.calls).isEqualTo(1);
  }
}
