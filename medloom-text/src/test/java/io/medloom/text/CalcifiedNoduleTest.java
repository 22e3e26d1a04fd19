package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A calcified nodule is a granuloma, no Lung Lesion (gold guideline 5; the CheXpert labeler
 * un-mentions "calcified nodule"). Before, only "calcified" at most three words before the word
 * "nodule" counted: a site between ("small calcified right upper lobe nodule"), a longer nodule
 * phrase ("calcified right lower lung nodule") or a clause saying the nodule "appears calcified"
 * left it a lesion. Near misses: a nodule beside a calcified granuloma or calcified nodes, a nodule
 * said not to be calcified, a non-calcified nodule.
 */
class CalcifiedNoduleTest {
  static Map<String, Integer> labels(String text) {
    return ChexpertLabeler.standard().label(text);
  }

  @Test
  void aCalcifiedNoduleIsNoLesion() {
    assertThat(labels("No change in the small calcified right upper lobe nodule."))
        .doesNotContainKey("Lung Lesion")
        .containsEntry("No Finding", 1);
    assertThat(labels("Calcified right lower lung nodule compatible with histoplasmoma."))
        .doesNotContainKey("Lung Lesion");
    assertThat(labels("There are calcified nodules projecting in the right upper lung."))
        .doesNotContainKey("Lung Lesion");
    assertThat(
            labels("Small nodule near the left heart border is unchanged and appears calcified."))
        .doesNotContainKey("Lung Lesion");
    assertThat(labels("Right upper lobe nodule with central calcification."))
        .doesNotContainKey("Lung Lesion");
  }

  @Test
  void aNoduleBesideACalcificationStaysALesion() {
    assertThat(labels("Nodule in the right upper lobe and a calcified granuloma in the left base."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Calcified mediastinal lymph nodes and a right upper lobe pulmonary nodule."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Calcified granuloma in the right upper lobe and a new 1 cm nodule."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Left lower lobe nodule which is not calcified."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Noncalcified right upper lobe nodule.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("8 mm nodule in the left lower lobe, possibly a calcified granuloma."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Calcified granuloma in the right upper lobe without suspicious nodule."))
        .containsEntry("Lung Lesion", 0);
  }
}
