package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** AIDE's schedule and label update, checked against its scripts' rules by hand. */
class AideScheduleTest {
  private static boolean[] mask(String bits) {
    boolean[] m = new boolean[bits.length()];
    for (int i = 0; i < m.length; i++) {
      m[i] = bits.charAt(i) == '1';
    }
    return m;
  }

  @Test
  void rampIsZeroInTheFirstEpochAndOneFromEpochWarmupPlusOne() {
    AideOptions o = AideOptions.DEFAULTS; // E_w = 20
    // AIDE: r[e] = min((e / 20)², 1) over the 0-based epoch e.
    assertThat(o.ramp(1)).isEqualTo(0.0);
    assertThat(o.ramp(2)).isCloseTo(1.0 / 400, within(1e-12));
    assertThat(o.ramp(11)).isCloseTo(0.25, within(1e-12));
    assertThat(o.ramp(20)).isCloseTo(361.0 / 400, within(1e-12));
    assertThat(o.ramp(21)).isEqualTo(1.0);
    assertThat(o.ramp(100)).isEqualTo(1.0);
  }

  @Test
  void labelsAreUpdatedAfterEveryWarmupEpochAndThenEveryTenth() {
    AideOptions o = AideOptions.DEFAULTS;
    // AIDE: (e + 1) <= 20 or (e + 1) % 10 == 0.
    for (int epoch = 1; epoch <= 20; epoch++) {
      assertThat(o.updatesAfter(epoch)).as("epoch %s", epoch).isTrue();
    }
    assertThat(o.updatesAfter(21)).isFalse();
    assertThat(o.updatesAfter(29)).isFalse();
    assertThat(o.updatesAfter(30)).isTrue();
    assertThat(o.updatesAfter(100)).isTrue();
  }

  @Test
  void theLowestDiceShareOfAllSamplesIsRelabelledSkippingExpertsAndEmptyPredictions() {
    // Eight samples of four pixels; Dice(prediction, label) by hand:
    // 0: expert, Dice 0       -> inside the lowest 4 but an expert label: kept
    // 1: prediction empty     -> Dice 0, inside the lowest 4 but empty: kept
    // 2: Dice 2·1/(2+1) = 2/3 -> inside the lowest 4: replaced
    // 3: Dice 2·1/(1+2) = 2/3 -> inside the lowest 4: replaced
    // 4: Dice 2·2/(2+3) = 0.8 -> fifth lowest: kept (int(0.5 · 8) = 4)
    // 5..7: Dice 1            -> kept
    boolean[][] labels = {
      mask("1100"), mask("0110"), mask("1000"), mask("1100"),
      mask("1110"), mask("0001"), mask("0010"), mask("0100")
    };
    boolean[][] pred = {
      mask("0011"), mask("0000"), mask("1100"), mask("1000"),
      mask("1100"), mask("0001"), mask("0010"), mask("0100")
    };
    boolean[] expert = {true, false, false, false, false, false, false, false};
    boolean[][] before = labels.clone();
    LabelUpdate u = LabelUpdate.apply(pred, labels, expert, 0.5);
    assertThat(u.replaced()).isEqualTo(2);
    assertThat(u.keptEmpty()).isEqualTo(1);
    assertThat(labels[0]).isSameAs(before[0]);
    assertThat(labels[1]).isSameAs(before[1]);
    assertThat(labels[2]).isSameAs(pred[2]);
    assertThat(labels[3]).isSameAs(pred[3]);
    assertThat(labels[4]).isSameAs(before[4]);
    // A share below one sample (int(0.1 · 8) = 0) changes nothing.
    assertThat(LabelUpdate.apply(pred, labels, expert, 0.1)).isEqualTo(new LabelUpdate(0, 0));
  }
}
