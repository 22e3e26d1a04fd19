package io.medloom.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CocoRleTest {
  @Test
  void countsRunColumnMajorStartingWithZeros() {
    // 3x2 mask (w=3, h=2):   row0: 0 1 1
    //                         row1: 0 1 0
    // column-major order: (0,0)=0 (0,1)=0 | (1,0)=1 (1,1)=1 | (2,0)=1 (2,1)=0 -> runs 2 zeros, 3
    // ones, 1 zero
    BitMask m = BitMask.wrap(3, 2, new byte[] {0, 1, 1, 0, 1, 0});
    assertThat(CocoRle.counts(m)).containsExactly(2, 3, 1);
    // pycocotools encodes [2,3,1] as chars 48+2, 48+3, 48+1 (no deltas before the third count).
    assertThat(CocoRle.encode(m)).isEqualTo("231");
  }

  @Test
  void largeCountsUseContinuationAndDeltas() {
    // counts [0, 40, 4] -> '0', 40 = 0b01000 | more -> 'X'(48+8+32) then 1 -> '1', then 4-0 = '4'
    byte[] bits = new byte[44];
    for (int i = 0; i < 40; i++) {
      bits[i] = 1;
    }
    BitMask m = BitMask.wrap(1, 44, bits);
    assertThat(CocoRle.counts(m)).containsExactly(0, 40, 4);
    assertThat(CocoRle.encode(m)).isEqualTo("0X14");
  }

  @Test
  void roundTripsRandomMasks() {
    Random r = new Random(3);
    for (int t = 0; t < 50; t++) {
      int w = 1 + r.nextInt(40);
      int h = 1 + r.nextInt(40);
      byte[] bits = new byte[w * h];
      double p = r.nextDouble();
      for (int i = 0; i < bits.length; i++) {
        bits[i] = (byte) (r.nextDouble() < p ? 1 : 0);
      }
      BitMask m = BitMask.wrap(w, h, bits);
      assertThat(CocoRle.decode(CocoRle.encode(m), w, h)).isEqualTo(m);
    }
  }

  @Test
  void refusesRunsThatDoNotFitTheMask() {
    BitMask m = BitMask.wrap(4, 4, new byte[16]);
    assertThatThrownBy(() -> CocoRle.decode(CocoRle.encode(m), 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3x3");
  }
}
