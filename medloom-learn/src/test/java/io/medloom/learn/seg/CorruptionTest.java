package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CorruptionTest {
  @Test
  void morphologyByHand() {
    // A single pixel at (5,5) of 11x11 dilated by radius 1: the pixel and its 4 neighbours (the
    // diagonals are sqrt(2) away).
    boolean[] dot = new boolean[121];
    dot[5 * 11 + 5] = true;
    assertThat(Corruption.count(Corruption.dilate(dot, 11, 1))).isEqualTo(5);
    // Radius 2: the 13 pixels with dx²+dy² <= 4.
    assertThat(Corruption.count(Corruption.dilate(dot, 11, 2))).isEqualTo(13);
    // A 5x5 square eroded by 1 keeps the inner 3x3 (a radius-1 disk is a plus sign).
    boolean[] sq = SegMetricsTest.rect(11, 11, 3, 3, 8, 8);
    boolean[] eroded = Corruption.erode(sq, 11, 1);
    assertThat(eroded).isEqualTo(SegMetricsTest.rect(11, 11, 4, 4, 7, 7));
    // Shift right 2, up 1; pixels pushed out are lost.
    boolean[] shifted = Corruption.shift(sq, 11, 2, -1);
    assertThat(shifted).isEqualTo(SegMetricsTest.rect(11, 11, 5, 2, 10, 7));
    assertThat(Corruption.count(Corruption.shift(sq, 11, 5, 0))).isEqualTo(15);
  }

  @Test
  void componentsAreEightConnected() {
    boolean[] m = new boolean[25];
    m[0] = true;
    m[6] = true; // diagonal neighbour of 0: same component
    m[4] = true; // far corner: its own
    assertThat(Corruption.components(m, 5)).hasSize(2);
  }

  @Test
  void everyOperationChangesTheMaskAndDropNeedsTwoComponents() {
    boolean[] one = SegMetricsTest.rect(32, 32, 8, 8, 20, 20);
    boolean[] two = one.clone();
    for (int y = 24; y < 28; y++) {
      for (int x = 24; x < 28; x++) {
        two[y * 32 + x] = true;
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      boolean[] in = i % 2 == 0 ? one : two;
      Corruption.Result r = Corruption.apply(in, 32, rng);
      seen.merge(r.operation(), 1, Integer::sum);
      assertThat(r.mask()).isNotEqualTo(in);
      assertThat(Corruption.count(r.mask())).isPositive();
      if (r.operation().equals("drop")) {
        assertThat(in).isSameAs(two);
        assertThat(Corruption.components(r.mask(), 32)).hasSize(1);
      }
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrder("dilate", "erode", "shift", "drop");
  }
}
