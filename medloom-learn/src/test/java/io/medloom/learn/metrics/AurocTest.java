package io.medloom.learn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AurocTest {
  /** Mann–Whitney by counting pairs: a positive above a negative is 1, a tie 1/2. */
  private static double byPairs(double[] s, boolean[] y) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (y[i] && !y[j]) {
          pairs++;
          wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
      }
    }
    return wins / pairs;
  }

  @Test
  void smallCasesWorkedByHand() {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 0.35 beats 0.1 only, 0.8 beats both.
    assertThat(
            Auroc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}))
        .isEqualTo(0.75);
    // A tie counts one half: positives {0.5, 0.9}, negatives {0.5, 0.2} -> (0.5 + 1 + 2) / 4.
    assertThat(
            Auroc.of(new double[] {0.5, 0.5, 0.2, 0.9}, new boolean[] {true, false, false, true}))
        .isEqualTo(0.875);
    assertThat(Auroc.of(new double[] {1, 2}, new boolean[] {true, true})).isNaN();
    assertThat(Auroc.of(new double[] {3, 2, 1}, new boolean[] {true, false, false})).isEqualTo(1.0);
  }

  @Test
  void ranksAgreeWithCountingPairsAndWithTheAreaUnderTheCurve() {
    Random r = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 5 + r.nextInt(60);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextBoolean();
        s[i] = Math.round((y[i] ? 0.6 : 0.4) + r.nextGaussian() * 0.3 * 10) / 10.0; // many ties
      }
      y[0] = true;
      y[1] = false;
      double auc = Auroc.of(s, y);
      assertThat(auc).isCloseTo(byPairs(s, y), within(1e-12));
      List<double[]> curve = Auroc.curve(s, y);
      double area = 0;
      for (int i = 1; i < curve.size(); i++) {
        area +=
            (curve.get(i)[0] - curve.get(i - 1)[0]) * (curve.get(i)[1] + curve.get(i - 1)[1]) / 2;
      }
      assertThat(area).isCloseTo(auc, within(1e-12));
      assertThat(curve.get(curve.size() - 1)).containsExactly(1.0, 1.0);
    }
  }
}
