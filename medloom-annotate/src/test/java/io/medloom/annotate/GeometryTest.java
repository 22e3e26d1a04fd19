package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Hand-computed cases on a 100x100 synthetic film. */
class GeometryTest {
  static final int N = 100;

  static BitMask mask(BiPredicate<Integer, Integer> in) {
    byte[] b = new byte[N * N];
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        b[y * N + x] = (byte) (in.test(x, y) ? 1 : 0);
      }
    }
    return BitMask.wrap(N, N, b);
  }

  static BitMask rect(int x0, int y0, int x1, int y1) {
    return mask((x, y) -> x >= x0 && x < x1 && y >= y0 && y < y1);
  }

  /**
   * Background 100 everywhere, the region painted {@code inside}; lungs and spine as on a PA film.
   */
  static Sample chest(String view, String modality, BitMask lesion, int inside, boolean anatomy) {
    byte[] px = new byte[N * N];
    Arrays.fill(px, (byte) 100);
    for (int i = 0; i < px.length; i++) {
      if (lesion.get(i % N, i / N)) {
        px[i] = (byte) inside;
      }
    }
    List<Roi> rois = new ArrayList<>();
    if (anatomy) {
      // Image-left lung = patient's right on PA; lungs span y 10..90 (thirds at 36.7 and 63.3).
      rois.add(
          Roi.fromMask("anatomy-1", "right lung", rect(10, 10, 45, 90), "mask", Map.of()).get());
      rois.add(
          Roi.fromMask("anatomy-2", "left lung", rect(55, 10, 90, 90), "mask", Map.of()).get());
      rois.add(Roi.fromMask("anatomy-3", "spine", rect(48, 5, 52, 95), "mask", Map.of()).get());
    }
    rois.add(Roi.fromMask("lesion-1", "nodule", lesion, "mask", Map.of()).get());
    return Sample.read(
            "s1",
            "test:x",
            "x.png",
            new Identity("p", "st"),
            modality,
            anatomy ? "CHEST" : "",
            view,
            new Raster(N, N, 1, px))
        .withRois(rois);
  }

  static Map<String, String> attrs(Sample s) {
    return RoiAttributes.compute(s, s.rois().get(s.rois().size() - 1));
  }

  @Test
  void squareOnImageLeftUpperIsPatientRightUpperZone() {
    Map<String, String> a = attrs(chest("PA", "DX", rect(20, 15, 30, 25), 180, true));
    assertThat(a)
        .containsEntry("loc.side", "right")
        .containsEntry("loc.zone", "upper")
        .containsEntry("loc.organ", "right lung")
        .containsEntry("intensity.relative", "hyperdense")
        .containsEntry("texture", "homogeneous");
    assertThat(Double.parseDouble(a.get("size.area_fraction"))).isCloseTo(0.01, within(1e-9));
    assertThat(Double.parseDouble(a.get("size.organ_fraction")))
        .isCloseTo(100.0 / 2800, within(1e-4));
    assertThat(a.get("neighbours")).isEqualTo("right lung");
  }

  @Test
  void imageRightLowerLateralIsLeftCostophrenicAngle() {
    Map<String, String> a = attrs(chest("PA", "DX", rect(80, 80, 86, 86), 40, true));
    assertThat(a)
        .containsEntry("loc.side", "left")
        .containsEntry("loc.zone", "lower")
        .containsEntry("loc.region", "costophrenic angle")
        .containsEntry("intensity.relative", "hypodense");
  }

  @Test
  void straddlingTheSpineIsMidlineAndLateralViewsHaveNoSide() {
    assertThat(attrs(chest("PA", "DX", rect(40, 45, 60, 55), 100, true)))
        .containsEntry("loc.side", "midline")
        .containsEntry("intensity.relative", "isodense");
    assertThat(attrs(chest("LATERAL", "DX", rect(20, 15, 30, 25), 180, true)))
        .doesNotContainKey("loc.side")
        .containsEntry("loc.zone", "upper");
  }

  @Test
  void discIsCircularAndNonChestGetsAGridAndModalityWords() {
    BitMask disc = mask((x, y) -> (x - 75.0) * (x - 75.0) + (y - 75.0) * (y - 75.0) <= 100);
    Map<String, String> a = attrs(chest("", "MR", disc, 30, false));
    // 4-direction Crofton overestimates a r=10 digital disc's perimeter by ~3%: circularity ~0.94.
    assertThat(Double.parseDouble(a.get("shape.circularity"))).isCloseTo(1.0, within(0.08));
    assertThat(Double.parseDouble(a.get("shape.elongation"))).isCloseTo(1.0, within(0.05));
    assertThat(a)
        .containsEntry("loc.grid", "lower right")
        .doesNotContainKey("loc.side")
        .containsEntry("intensity.relative", "hypointense");
    Map<String, String> square = attrs(chest("", "US", rect(10, 10, 30, 30), 200, false));
    assertThat(Double.parseDouble(square.get("shape.circularity")))
        .isBetween(0.75, 0.92); // ideal pi/4
    assertThat(square)
        .containsEntry("loc.grid", "upper left")
        .containsEntry("intensity.relative", "hyperechoic");
    Map<String, String> bar = attrs(chest("", "CT", rect(10, 50, 50, 54), 200, false));
    assertThat(Double.parseDouble(bar.get("shape.elongation"))).isCloseTo(10.0, within(0.5));
  }

  @Test
  void anatomyGetsAreaOnly() {
    Sample s = chest("PA", "DX", rect(20, 15, 30, 25), 180, true);
    assertThat(RoiAttributes.compute(s, s.rois().get(0))).containsOnlyKeys("size.area_fraction");
  }
}
