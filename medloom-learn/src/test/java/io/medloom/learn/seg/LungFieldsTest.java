package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.medloom.core.model.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lung fields and the plausibility rule on hand-drawn probability maps (100 x 100 films). */
class LungFieldsTest {
  static final int N = 100;
  static final Box ALL = new Box(0, 0, N, N);

  static float[] map(int[]... rects) {
    float[] p = new float[N * N];
    for (int[] r : rects) {
      for (int y = r[1]; y < r[3]; y++) {
        for (int x = r[0]; x < r[2]; x++) {
          p[y * N + x] = r.length > 4 ? r[4] / 100f : 0.9f;
        }
      }
    }
    return p;
  }

  @Test
  void twoLungsGiveOneFieldPerSideRightOnTheImageLeft() {
    // 30 x 60 = 18% of the film each, 60% of its height; a 2x2 speck on the left is dropped.
    float[] p =
        map(new int[] {10, 20, 40, 80, 80}, new int[] {60, 20, 90, 80}, new int[] {5, 5, 7, 7});
    List<LungFields.Field> f = LungFields.of(p, N, N, ALL);
    assertThat(f).extracting(LungFields.Field::label).containsExactly("right lung", "left lung");
    assertThat(f.get(0).box()).isEqualTo(new Box(10, 20, 40, 80));
    assertThat(f.get(1).box()).isEqualTo(new Box(60, 20, 90, 80));
    assertThat(f.get(0).pixels()).isEqualTo(1800);
    assertThat(f.get(0).confidence()).isCloseTo(0.8, within(1e-6));
    assertThat(f.get(1).confidence()).isCloseTo(0.9, within(1e-6));
    // The speck is under 1% of the film, so the raw prediction still has two pieces.
    assertThat(LungFields.plausibility(p, N, N, ALL)).isEmpty();
  }

  @Test
  void aPredictionAcrossTheMidlineIsCutThereButIsNotPlausible() {
    float[] p = map(new int[] {20, 20, 80, 80});
    List<LungFields.Field> f = LungFields.of(p, N, N, ALL);
    assertThat(f)
        .extracting(LungFields.Field::box)
        .containsExactly(new Box(20, 20, 50, 80), new Box(50, 20, 80, 80));
    assertThat(LungFields.plausibility(p, N, N, ALL)).isEqualTo("1 lung pieces, not 2");
  }

  @Test
  void eachRuleOfPlausibilityCanFail() {
    // Both on the image's left.
    assertThat(
            LungFields.plausibility(
                map(new int[] {2, 20, 22, 90}, new int[] {25, 20, 45, 90}), N, N, ALL))
        .isEqualTo("both pieces on one side of the midline");
    // 40 x 20 = 8% is enough area but 20% of the height is too short.
    assertThat(
            LungFields.plausibility(
                map(new int[] {5, 20, 45, 40}, new int[] {60, 20, 90, 80}), N, N, ALL))
        .isEqualTo("a piece spans 20% of the film's height");
    // 20 x 35 = 7% is too small.
    assertThat(
            LungFields.plausibility(
                map(new int[] {20, 20, 40, 55}, new int[] {60, 20, 90, 80}), N, N, ALL))
        .isEqualTo("a piece covers 7.0% of the film");
    // Measured against the content box: two 40 x 45 pieces are 18% of a full film (and 45% of
    // its height), but 36% of a letterboxed film's 100 x 50 content.
    float[] two = map(new int[] {5, 27, 45, 72}, new int[] {55, 27, 95, 72});
    assertThat(LungFields.plausibility(two, N, N, ALL)).isEmpty();
    assertThat(LungFields.plausibility(two, N, N, new Box(0, 25, N, 75)))
        .isEqualTo("a piece covers 36.0% of the film");
  }

  @Test
  void aWeakRimJoinsTheLungItTouchesButAWeakBlobApartDoesNot() {
    // Right lung: a confident core (0.9) with a 0.3 rim 3 px wide below it; a separate 0.3 blob.
    // Left lung: a core with a 0.2 rim, under the edge threshold, which stays out.
    float[] p =
        map(
            new int[] {10, 20, 40, 80},
            new int[] {10, 80, 40, 83, 30},
            new int[] {20, 90, 30, 95, 30},
            new int[] {60, 20, 90, 80},
            new int[] {60, 80, 90, 83, 20});
    List<LungFields.Field> f = LungFields.of(p, N, N, ALL);
    assertThat(f.get(0).box()).isEqualTo(new Box(10, 20, 40, 83));
    assertThat(f.get(0).pixels()).isEqualTo(30 * 63);
    assertThat(f.get(0).confidence()).isCloseTo((1800 * 0.9 + 90 * 0.3) / 1890, within(1e-5));
    assertThat(f.get(1).box()).isEqualTo(new Box(60, 20, 90, 80));
    // The raw prediction is judged before the rim is added.
    assertThat(LungFields.plausibility(p, N, N, ALL)).isEmpty();
  }
}
