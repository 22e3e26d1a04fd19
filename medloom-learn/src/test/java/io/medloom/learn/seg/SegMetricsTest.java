package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SegMetricsTest {
  /** A w x h mask with the rectangle [x0,x1) x [y0,y1) set. */
  static boolean[] rect(int w, int h, int x0, int y0, int x1, int y1) {
    boolean[] m = new boolean[w * h];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        m[y * w + x] = true;
      }
    }
    return m;
  }

  @Test
  void diceAndIouOfOverlappingSquares() {
    // Two 4x4 squares shifted by 2 columns: 8 shared pixels of 16 + 16, union 24.
    boolean[] a = rect(10, 10, 1, 1, 5, 5);
    boolean[] b = rect(10, 10, 3, 1, 7, 5);
    assertThat(SegMetrics.dice(a, b)).isEqualTo(0.5);
    assertThat(SegMetrics.iou(a, b)).isEqualTo(1 / 3.0);
    assertThat(SegMetrics.dice(a, a)).isEqualTo(1.0);
    // Disjoint: 0; both empty: 1 by convention.
    assertThat(SegMetrics.dice(a, rect(10, 10, 6, 6, 8, 8))).isEqualTo(0.0);
    assertThat(SegMetrics.dice(new boolean[100], new boolean[100])).isEqualTo(1.0);
    assertThat(SegMetrics.iou(new boolean[100], new boolean[100])).isEqualTo(1.0);
    // One pixel predicted inside a 2-pixel truth: 2*1/(1+2), IoU 1/2.
    boolean[] p = rect(4, 1, 1, 0, 2, 1);
    boolean[] t = rect(4, 1, 1, 0, 3, 1);
    assertThat(SegMetrics.dice(p, t)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(SegMetrics.iou(p, t)).isEqualTo(0.5);
  }

  @Test
  void surfaceOfASquareIsItsRing() {
    // 4x4 square: 16 pixels, the inner 2x2 is not surface -> 12.
    assertThat(SegMetrics.surface(rect(10, 10, 2, 2, 6, 6), 10, 10)).hasSize(12);
    // A square touching the image border: the border counts as outside, so 3x3 -> 8 surface.
    assertThat(SegMetrics.surface(rect(3, 3, 0, 0, 3, 3), 3, 3)).hasSize(8);
  }

  @Test
  void hd95OfShiftedSquaresByHand() {
    // Two 3x3 squares, columns 2-4 and 6-8, rows 2-4. Each has 8 surface pixels (the centre is
    // inside); a pixel in column x of the left square is nearest to (6, same row): 4 for x=2 (3
    // pixels), 3 for x=3 (2), 2 for x=4 (3); the right square mirrors it. Pooled sorted: six 2s,
    // four 3s, six 4s; position 0.95*15 = 14.25 lies between two 4s -> 4. Plain Hausdorff is 4 too,
    // the mean surface distance 3.
    boolean[] a = rect(20, 20, 2, 2, 5, 5);
    boolean[] b = rect(20, 20, 6, 2, 9, 5);
    assertThat(SegMetrics.hd95(a, b, 20, 20)).isEqualTo(4.0);
    assertThat(SegMetrics.hd95(a, a, 20, 20)).isEqualTo(0.0);
  }

  @Test
  void hd95InterpolatesThePooledDistances() {
    // Truth: a single pixel at (0,0). Prediction: pixels (0,0) and (3,4) (two components).
    // pred->truth distances: 0 and 5; truth->pred: 0. Pooled sorted [0, 0, 5]:
    // position 0.95*2 = 1.9 -> 0 + 0.9*(5-0) = 4.5.
    boolean[] truth = new boolean[100];
    truth[0] = true;
    boolean[] pred = truth.clone();
    pred[4 * 10 + 3] = true;
    assertThat(SegMetrics.hd95(pred, truth, 10, 10)).isCloseTo(4.5, within(1e-12));
  }

  @Test
  void hd95WithOneEmptyMaskIsTheDiagonal() {
    boolean[] a = rect(6, 8, 1, 1, 3, 3);
    assertThat(SegMetrics.hd95(a, new boolean[48], 6, 8)).isEqualTo(10.0);
    assertThat(SegMetrics.hd95(new boolean[48], new boolean[48], 6, 8)).isEqualTo(0.0);
  }

  @Test
  void percentileMatchesNumpy() {
    // numpy.percentile([1,2,3,4], 95) = 3.85; [7] -> 7.
    assertThat(SegMetrics.percentile(new double[] {4, 1, 3, 2}, 95)).isCloseTo(3.85, within(1e-12));
    assertThat(SegMetrics.percentile(new double[] {7}, 95)).isEqualTo(7.0);
  }

  @Test
  void bootstrapIntervalBracketsTheMeanAndIsSeeded() {
    double[] v = new double[40];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 2 == 0 ? 0.6 : 0.8;
    }
    double[] ci = SegMetrics.bootstrapCi95(v, 1000, 7);
    assertThat(ci[0]).isLessThan(0.7).isGreaterThan(0.6);
    assertThat(ci[1]).isGreaterThan(0.7).isLessThan(0.8);
    assertThat(SegMetrics.bootstrapCi95(v, 1000, 7)).containsExactly(ci);
    // Constant values: a zero-width interval.
    assertThat(SegMetrics.bootstrapCi95(new double[] {0.5, 0.5, 0.5}, 200, 1))
        .containsExactly(0.5, 0.5);
  }
}
