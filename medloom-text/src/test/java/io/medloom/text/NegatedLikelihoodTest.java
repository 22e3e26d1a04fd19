package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A likelihood or an evidential link that is itself negated denies the finding: "pneumonia is not
 * likely", "not consistent with pneumonia", "doubt pneumothorax" (NegEx and pyConText read "not
 * likely" and "doubt" as negation, CheXpert's negation patterns "no ... to suggest"). Before, the
 * hedge or link word won over the "not" in front of it ("not suggestive of" was uncertain, "not
 * consistent with" and "not likely" positive). Near misses: the link affirmed or hedged, "no doubt"
 * and "without doubt", and "not excluded".
 */
class NegatedLikelihoodTest {
  static Map<String, Integer> labels(String text) {
    return ChexpertLabeler.standard().label(text);
  }

  @Test
  void aNegatedLikelihoodDenies() {
    assertThat(labels("Pneumonia is not likely.")).containsEntry("Pneumonia", 0);
    assertThat(labels("Pneumonia is not favored.")).containsEntry("Pneumonia", 0);
    assertThat(labels("Focal opacity, not favored to represent pneumonia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Pneumonia", 0);
    assertThat(labels("The opacity is not likely to represent a mass."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Lung Lesion", 0);
    assertThat(labels("Low probability of pneumothorax.")).containsEntry("Pneumothorax", 0);
    assertThat(labels("Low likelihood of pulmonary edema.")).containsEntry("Edema", 0);
  }

  @Test
  void aNegatedEvidentialLinkDenies() {
    assertThat(labels("Findings are not consistent with pneumonia."))
        .containsEntry("Pneumonia", 0)
        .containsEntry("No Finding", 1);
    assertThat(labels("Findings are not suggestive of pneumonia.")).containsEntry("Pneumonia", 0);
    assertThat(labels("Appearance is not concerning for pneumonia.")).containsEntry("Pneumonia", 0);
    assertThat(labels("The opacity is not suspicious for malignancy."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Lung Lesion", 0);
  }

  @Test
  void whatADeniedFindingWouldMeanIsDenied() {
    // the link hedges its meaning after an affirmed finding, denies it after a denied one
    assertThat(labels("No focal consolidation suspicious for pneumonia."))
        .containsEntry("Consolidation", 0)
        .containsEntry("Pneumonia", 0)
        .containsEntry("No Finding", 1);
    assertThat(labels("There is no evidence of consolidation suspicious for pneumonia."))
        .containsEntry("Pneumonia", 0);
    assertThat(labels("No increased opacity concerning for pneumonia or mass."))
        .containsEntry("Pneumonia", 0)
        .containsEntry("Lung Lesion", 0);
    assertThat(labels("Consolidation suspicious for pneumonia."))
        .containsEntry("Consolidation", 1)
        .containsEntry("Pneumonia", -1);
    assertThat(labels("No effusion; opacity suspicious for pneumonia."))
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Pneumonia", -1);
    assertThat(labels("No pneumothorax. Opacity concerning for pneumonia."))
        .containsEntry("Pneumonia", -1);
    assertThat(labels("Findings suggestive of pulmonary edema.")).containsEntry("Edema", -1);
  }

  @Test
  void doubtDenies() {
    assertThat(labels("Doubt pneumothorax.")).containsEntry("Pneumothorax", 0);
    assertThat(labels("Pneumonia is doubtful.")).containsEntry("Pneumonia", 0);
  }

  @Test
  void nearMissesKeepTheirReading() {
    assertThat(labels("Opacity consistent with pneumonia.")).containsEntry("Pneumonia", 1);
    assertThat(labels("Findings are suggestive of pneumonia.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Pneumonia is likely.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Pneumonia is less likely.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Pneumonia is not excluded.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Without doubt there is a large right effusion."))
        .containsEntry("Pleural Effusion", 1);
    assertThat(labels("No doubt the heart is enlarged.")).containsEntry("Cardiomegaly", 1);
    // the negation stays with its own clause
    assertThat(labels("Heart size is not enlarged; effusion is likely."))
        .containsEntry("Cardiomegaly", 0)
        .containsEntry("Pleural Effusion", -1);
  }
}
