package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FloatMapsTest {
  @Test
  void flipAndQuarterTurnsAreExact() {
    float[] m = {1, 2, 3, 4};
    assertThat(FloatMaps.flip(m, 2)).containsExactly(2, 1, 4, 3);
    assertThat(FloatMaps.flip(FloatMaps.flip(m, 2), 2)).containsExactly(m);
    // 90 degrees counter-clockwise on screen: the top-right value moves to the top-left.
    float[] r = FloatMaps.rotate(m, 2, 90, Float.NaN);
    assertThat(r[0]).isCloseTo(2f, within(1e-5f));
    assertThat(FloatMaps.rotate(r, 2, -90, Float.NaN))
        .containsExactly(new float[] {1, 2, 3, 4}, within(1e-5f));
  }

  @Test
  void aRotationIsUndoneWhereThePixelStayedInside() {
    int s = 16;
    float[] m = new float[s * s];
    for (int i = 0; i < m.length; i++) {
      m[i] = (i % s) * 0.1f + (i / s) * 0.05f; // a linear ramp: bilinear sampling is exact on it
    }
    float[] back = FloatMaps.rotate(FloatMaps.rotate(m, s, 37, Float.NaN), s, -37, Float.NaN);
    int valid = 0;
    for (int i = 0; i < m.length; i++) {
      if (!Float.isNaN(back[i])) {
        valid++;
        assertThat(back[i]).isCloseTo(m[i], within(1e-3f));
      }
    }
    // The centre always survives; corners are marked invalid instead of invented.
    assertThat(valid).isGreaterThan(m.length / 3);
    assertThat(back[0]).isNaN();
  }

  @Test
  void resizeKeepsAConstantAndAStep() {
    float[] c = {0.25f, 0.25f, 0.25f, 0.25f};
    assertThat(FloatMaps.resize(c, 2, 2, 5, 3)).containsOnly(0.25f);
    float[] step = {0, 1};
    float[] up = FloatMaps.resize(step, 2, 1, 4, 1);
    assertThat(up).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f}, within(1e-6f));
  }
}
