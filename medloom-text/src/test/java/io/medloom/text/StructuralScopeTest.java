package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Negation and uncertainty scopes that follow the sentence's structure: lists, "without (evidence
 * of)", post-negated lists, double negation, "no change in", resolved/removed, hedges, affirmed
 * alternatives and hypotheticals. Each case has a near miss that must come out differently.
 */
class StructuralScopeTest {
  static Map<String, Integer> label(String s) {
    return ChexpertLabeler.standard().label(s);
  }

  @Test
  void negationCoversACoordinatedList() {
    assertThat(
            label(
                "No focal consolidation, suspicious pulmonary opacity, large pleural effusion, or"
                    + " pneumothorax is identified."))
        .containsEntry("Consolidation", 0)
        .containsEntry("Lung Opacity", 0)
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Pneumothorax", 0);
    assertThat(
            label("No pneumonia, effusions, edema, pneumothorax, adenopathy, nodules or masses."))
        .containsEntry("Pneumonia", 0)
        .containsEntry("Edema", 0)
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Lung Lesion", 0);
    // a comma without a closing conjunction ends the list: the item after it is affirmed
    assertThat(label("No pneumothorax, small left pleural effusion."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Pleural Effusion", 1);
    // a list segment that is a clause of its own is not negated
    assertThat(label("No pleural effusion and the heart is enlarged."))
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Cardiomegaly", 1);
    assertThat(label("No pneumothorax and stable cardiomegaly."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Cardiomegaly", 1);
    // 'or' keeps size words in the list, 'and' does not
    assertThat(label("No pneumothorax or small effusion.")).containsEntry("Pleural Effusion", 0);
    assertThat(label("No pneumothorax and small effusion.")).containsEntry("Pleural Effusion", 1);
    // adjectives separated by a comma right after the trigger
    assertThat(label("No acute, displaced rib fractures.")).containsEntry("Fracture", 0);
  }

  @Test
  void withoutEvidenceOfAList() {
    assertThat(
            label(
                "The lungs are normally inflated without evidence of focal airspace disease,"
                    + " pleural effusion, or pneumothorax."))
        .containsEntry("Lung Opacity", 0)
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Pneumothorax", 0);
    // 'with' ends the negated phrase
    assertThat(label("No pneumothorax with a left chest tube in place."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Support Devices", 1);
  }

  @Test
  void postNegationOverAList() {
    assertThat(label("Focal consolidation, pleural effusion, and pneumothorax are not identified."))
        .containsEntry("Consolidation", 0)
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Pneumothorax", 0);
    assertThat(label("Edema and pleural effusion have resolved."))
        .containsEntry("Edema", 0)
        .containsEntry("Pleural Effusion", 0);
    // the clause before the list is not in scope
    assertThat(label("The heart is enlarged and pleural effusions are not seen."))
        .containsEntry("Cardiomegaly", 1)
        .containsEntry("Pleural Effusion", 0);
    assertThat(label("Mild cardiomegaly, effusion is not seen."))
        .containsEntry("Cardiomegaly", 1)
        .containsEntry("Pleural Effusion", 0);
  }

  @Test
  void doubleNegationAndUnfinishedResolution() {
    assertThat(label("A small pneumothorax is not excluded.")).containsEntry("Pneumothorax", -1);
    assertThat(label("The effusion has not resolved.")).containsEntry("Pleural Effusion", 1);
    assertThat(label("The effusion has resolved.")).containsEntry("Pleural Effusion", 0);
    assertThat(label("The chest tube has not been removed.")).containsEntry("Support Devices", 1);
    assertThat(label("The chest tube has been removed.")).containsEntry("Support Devices", 0);
    assertThat(label("Near complete resolution of the right lower lobe pneumonia."))
        .containsEntry("Pneumonia", 1);
    assertThat(label("Complete resolution of the right lower lobe pneumonia."))
        .containsEntry("Pneumonia", 0);
  }

  @Test
  void noChangeInAFindingAssertsIt() {
    assertThat(label("No change in the small left pleural effusion."))
        .containsEntry("Pleural Effusion", 1);
    assertThat(label("No interval change in mild cardiomegaly.")).containsEntry("Cardiomegaly", 1);
    assertThat(label("No left pleural effusion.")).containsEntry("Pleural Effusion", 0);
  }

  @Test
  void removedDevicesAreAbsentNow() {
    assertThat(label("Interval removal of the left chest tube."))
        .containsEntry("Support Devices", 0);
    assertThat(label("No pneumothorax after chest tube removal."))
        .containsEntry("Support Devices", 0)
        .containsEntry("Pneumothorax", 0);
    assertThat(label("Interval placement of a left chest tube."))
        .containsEntry("Support Devices", 1);
  }

  @Test
  void hedges() {
    assertThat(label("Right middle lobe airspace disease may reflect atelectasis or pneumonia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", -1)
        .containsEntry("Pneumonia", -1);
    assertThat(label("Cannot exclude a small left effusion or early pneumonia."))
        .containsEntry("Pleural Effusion", -1)
        .containsEntry("Pneumonia", -1);
    assertThat(label("Left basilar opacity, atelectasis versus pneumonia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", -1)
        .containsEntry("Pneumonia", -1);
    assertThat(label("Opacity likely represents atelectasis.")).containsEntry("Atelectasis", -1);
    assertThat(label("Opacity represents atelectasis.")).containsEntry("Atelectasis", 1);
  }

  @Test
  void affirmedAlternativesAreUncertain() {
    assertThat(label("Subsegmental atelectasis or scarring at the left base."))
        .containsEntry("Atelectasis", -1);
    assertThat(label("Atelectasis and/or infiltrate at the bases."))
        .containsEntry("Atelectasis", -1)
        .containsEntry("Lung Opacity", -1);
    assertThat(label("Atelectasis and infiltrate at the bases."))
        .containsEntry("Atelectasis", 1)
        .containsEntry("Lung Opacity", 1);
    assertThat(label("No atelectasis or infiltrate.")).containsEntry("Atelectasis", 0);
  }

  @Test
  void hypotheticalsAssertNothing() {
    assertThat(label("Please note that fractures may not be demonstrated on this exam."))
        .doesNotContainKey("Fracture");
    assertThat(label("If there is concern for rib fracture, dedicated views are suggested."))
        .doesNotContainKey("Fracture");
    assertThat(label("Bony overlap could obscure a small pulmonary nodule."))
        .doesNotContainKey("Lung Lesion");
    assertThat(label("There is a small pulmonary nodule.")).containsEntry("Lung Lesion", 1);
  }

  @Test
  void normalStatementsWithAnException() {
    assertThat(label("Clear lungs except for minimal left basilar atelectasis."))
        .containsEntry("Atelectasis", 1)
        .doesNotContainKey("Lung Opacity");
    assertThat(label("The lungs are clear apart from a calcified granuloma."))
        .containsEntry("Lung Opacity", 0);
  }

  @Test
  void carrierQualifiersStayInTheirClause() {
    assertThat(label("Heart size mildly enlarged, stable mediastinal contours."))
        .containsEntry("Cardiomegaly", 1)
        .doesNotContainKey("Enlarged Cardiomediastinum");
    assertThat(
            label(
                "Heart size, mediastinal contour, and pulmonary vascularity are within normal"
                    + " limits."))
        .containsEntry("Cardiomegaly", 0)
        .containsEntry("Enlarged Cardiomediastinum", 0);
    assertThat(label("Air-fluid level in the middle mediastinum, from a large hiatal hernia."))
        .doesNotContainKey("Enlarged Cardiomediastinum");
    assertThat(label("Normal size of the heart.")).containsEntry("Cardiomegaly", 0);
  }
}
