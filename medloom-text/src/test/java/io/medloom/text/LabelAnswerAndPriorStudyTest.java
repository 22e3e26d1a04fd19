package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three classes of error from the IU tune half and structured reports: a dash joining a label to
 * its answer ("Pneumothorax - none."), a carrier or normal statement written as a label and its
 * answer ("Heart: enlarged.", "Lungs: clear."), and a finding placed on an earlier study ("... on
 * old CT scans"). Each rule with near misses that must keep their old reading.
 */
class LabelAnswerAndPriorStudyTest {
  static Map<String, Integer> labels(String text) {
    return ChexpertLabeler.standard().label(text);
  }

  static Integer ptx(String text) {
    return labels(text).get("Pneumothorax");
  }

  @Test
  void aDashAnswerDeniesOrHedgesItsLabelAsAColonDoes() {
    assertThat(ptx("Pneumothorax - none.")).isZero();
    assertThat(ptx("Pneumothorax -- none.")).isZero();
    assertThat(ptx("Pneumothorax \u2013 none.")).isZero();
    assertThat(ptx("Pneumothorax \u2014 not seen.")).isZero();
    assertThat(labels("Effusion - no.")).containsEntry("Pleural Effusion", 0);
    assertThat(ptx("Pneumothorax - possible.")).isEqualTo(-1);
  }

  @Test
  void nearMissesOfTheDashKeepTheirReading() {
    // the answer names the finding, or the dash is a hyphen or a bullet
    assertThat(ptx("Pneumothorax - small on the right.")).isEqualTo(1);
    assertThat(labels("Well-defined nodule - no change.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("T8-T10 compression fracture.")).containsEntry("Fracture", 1);
    assertThat(ptx("- No pneumothorax.")).isZero();
    assertThat(labels("Right-sided effusion.")).containsEntry("Pleural Effusion", 1);
    // a negation after the dash governs what follows it, not the label before it
    assertThat(labels("Heart size normal - no effusion."))
        .containsEntry("Cardiomegaly", 0)
        .containsEntry("Pleural Effusion", 0);
    assertThat(labels("Effusion - small, no pneumothorax."))
        .containsEntry("Pleural Effusion", 1)
        .containsEntry("Pneumothorax", 0);
  }

  @Test
  void aCarrierLabelTakesTheQualifierThatAnswersIt() {
    assertThat(labels("Heart: enlarged.")).containsEntry("Cardiomegaly", 1);
    assertThat(labels("Heart size: enlarged.")).containsEntry("Cardiomegaly", 1);
    assertThat(labels("Heart - enlarged.")).containsEntry("Cardiomegaly", 1);
    assertThat(labels("Heart: normal.")).containsEntry("Cardiomegaly", 0);
    assertThat(labels("Heart: not enlarged.")).containsEntry("Cardiomegaly", 0);
    assertThat(labels("Heart: borderline.")).containsEntry("Cardiomegaly", -1);
    assertThat(labels("Mediastinum: widened.")).containsEntry("Enlarged Cardiomediastinum", 1);
  }

  @Test
  void nearMissesOfTheCarrierLabel() {
    // no qualifier in the answer: nothing; a qualifier of another label is not the carrier's
    assertThat(labels("Heart: stable. Hernia: large.")).doesNotContainKey("Cardiomegaly");
    assertThat(labels("Heart: pacemaker in place."))
        .doesNotContainKey("Cardiomegaly")
        .containsEntry("Support Devices", 1);
    assertThat(labels("Heart size: stable; large effusion.")).doesNotContainKey("Cardiomegaly");
  }

  @Test
  void aNormalStatementMayBeWrittenAsLabelAndAnswer() {
    assertThat(labels("Lungs: clear."))
        .containsEntry("Lung Opacity", 0)
        .containsEntry("Consolidation", 0)
        .containsEntry("Pneumonia", 0);
    assertThat(labels("Lungs - clear.")).containsEntry("Lung Opacity", 0);
  }

  @Test
  void nearMissesOfTheNormalAnswer() {
    // an exception or a finding as the answer is no normal statement
    assertThat(labels("Lungs: clear except for right basilar atelectasis."))
        .containsEntry("Atelectasis", 1)
        .doesNotContainKey("Lung Opacity");
    assertThat(labels("Lungs: right lower lobe consolidation."))
        .containsEntry("Consolidation", 1)
        .doesNotContainKey("Lung Opacity");
  }

  @Test
  void aFindingOnAnEarlierStudyIsNotAssertedForThisOne() {
    assertThat(
            labels(
                "The patient has right middle lobe atelectasis and scarring in this region on"
                    + " old CT scans."))
        .doesNotContainKey("Atelectasis");
    assertThat(labels("On the prior CT there was a right effusion."))
        .doesNotContainKey("Pleural Effusion");
    assertThat(labels("Lungs were clear on the previous study.")).doesNotContainKey("Lung Opacity");
  }

  @Test
  void nearMissesOfThePriorStudy() {
    // carried forward by a persistence word, or only compared with the earlier study
    assertThat(labels("Nodule seen on prior CT is again seen.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("The nodule is stable on prior CT scans.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("Right lower lobe nodule, seen on the prior CT, is unchanged."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Stable right effusion compared to the prior study."))
        .containsEntry("Pleural Effusion", 1);
    assertThat(labels("Right effusion is new since the prior study."))
        .containsEntry("Pleural Effusion", 1);
    // a denial about now still counts; another clause or sentence is not covered
    assertThat(labels("Right lower lobe opacity on the prior exam has resolved."))
        .containsEntry("Lung Opacity", 0);
    assertThat(labels("Small nodule on old CT scans. Right effusion."))
        .containsEntry("Pleural Effusion", 1)
        .doesNotContainKey("Lung Lesion");
    assertThat(labels("Compared with the prior study, there is a new right effusion."))
        .containsEntry("Pleural Effusion", 1);
    assertThat(labels("On the prior study, the right effusion is unchanged."))
        .containsEntry("Pleural Effusion", 1);
  }
}
