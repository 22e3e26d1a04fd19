package io.medloom.learn.clip;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CounterfactualsTest {
  private static final String NEG = "No pleural effusion or pneumothorax.";
  private static final String POS = "Small left pleural effusion.";

  private static List<Text> report(String s) {
    return List.of(new Text("report.findings", s, "test", Optional.empty()));
  }

  private static Triplet t(String finding, String existence, String sentence) {
    return new Triplet("", finding, existence, sentence);
  }

  private static Counterfactuals bank() {
    Counterfactuals c = new Counterfactuals();
    c.add(
        report("Heart size is normal. " + NEG),
        List.of(
            t("pleural effusion", "absent", NEG),
            t("pneumothorax", "absent", NEG),
            t("cardiomegaly", "absent", "Heart size is normal.")));
    c.add(
        report("The heart is enlarged. " + POS),
        List.of(
            t("cardiomegaly", "present", "The heart is enlarged."),
            t("pleural effusion", "present", POS)));
    return c;
  }

  @Test
  void flipsOneFindingWithASentenceOfTheOtherState() {
    Counterfactuals c = bank();
    String report = "Lungs are clear. " + POS + " Heart size is normal. Impression: " + POS;
    List<Counterfactuals.Mention> ms =
        Counterfactuals.mentions(
            report,
            List.of(
                t("pleural effusion", "present", POS),
                t("cardiomegaly", "absent", "Heart size is normal."),
                t("nodule", "absent", "Not in this report.")));
    // The sentence absent from the report is no mention.
    assertThat(ms)
        .extracting(Counterfactuals.Mention::sentence)
        .doesNotContain("Not in this report.");
    boolean sawEffusion = false;
    boolean sawHeart = false;
    for (long seed = 0; seed < 20; seed++) {
      String h = c.of(report, ms, new SplittableRandom(seed));
      if (h.contains(NEG)) {
        // Effusion flipped to absent: every sentence asserting it is gone, the rest kept.
        sawEffusion = true;
        assertThat(h).isEqualTo("Lungs are clear. " + NEG + " Heart size is normal. Impression:");
      } else {
        sawHeart = true;
        assertThat(h)
            .isEqualTo("Lungs are clear. " + POS + " The heart is enlarged. Impression: " + POS);
      }
    }
    assertThat(sawEffusion).isTrue();
    assertThat(sawHeart).isTrue();
  }

  @Test
  void noMentionOrNoOppositeSentenceGivesNone() {
    Counterfactuals c = bank();
    assertThat(c.of("Lungs are clear.", List.of(), new SplittableRandom(1))).isNull();
    // Consolidation was never seen in either state: nothing to flip it with.
    String report = "Left lower lobe consolidation.";
    List<Counterfactuals.Mention> ms =
        Counterfactuals.mentions(report, List.of(t("consolidation", "present", report)));
    assertThat(c.of(report, ms, new SplittableRandom(1))).isNull();
  }
}
