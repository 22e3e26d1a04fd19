package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Five classes of error found by probing the labeler with report-style sentences for the weak IU
 * observations (Pneumonia, Lung Lesion, Enlarged Cardiomediastinum): "unlikely" and "less likely"
 * after the finding, "history of" (the patient's past, not this film), a finding named as what
 * something else imitates ("nipple shadows simulate nodules"), a mediastinal or heart contour the
 * sentence attributes to a tortuous aorta or to the technique of the film, and "round opacity" (a
 * shape, a Lung Opacity, not a named lesion). Each rule with near misses that keep their old
 * reading.
 */
class AttributionAndLikelihoodTest {
  static Map<String, Integer> labels(String text) {
    return ChexpertLabeler.standard().label(text);
  }

  static final String ECM = "Enlarged Cardiomediastinum";

  @Test
  void unlikelyDeniesAndLessLikelyHedges() {
    assertThat(labels("Pneumonia is unlikely.")).containsEntry("Pneumonia", 0);
    assertThat(labels("Unlikely to represent pneumonia.")).containsEntry("Pneumonia", 0);
    assertThat(labels("A pneumothorax is considered unlikely.")).containsEntry("Pneumothorax", 0);
    assertThat(labels("Left base opacity, likely atelectasis; pneumonia is less likely."))
        .containsEntry("Pneumonia", -1)
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", -1);
    assertThat(labels("Infection is considered less likely.")).containsEntry("Pneumonia", -1);
    // the hedge governs what follows it, not the subject before it
    assertThat(labels("The opacity is unlikely to represent a mass."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Lung Lesion", 0);
    assertThat(labels("Right basilar opacity, favored to be atelectasis."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", -1);
  }

  @Test
  void nearMissesOfLikelihoodKeepTheirReading() {
    assertThat(labels("Pneumonia is likely.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Likely pneumonia in the right base.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Right lower lobe pneumonia.")).containsEntry("Pneumonia", 1);
    // the negation of one clause does not reach the finding of the next
    assertThat(labels("Effusion is unlikely; there is a small pneumothorax."))
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Pneumothorax", 1);
  }

  @Test
  void historyOfAssertsNothingAboutThisFilm() {
    assertThat(labels("History of pneumonia.")).doesNotContainKey("Pneumonia");
    assertThat(labels("Patient with a history of pneumonia, now with cough."))
        .doesNotContainKey("Pneumonia");
    assertThat(labels("Known history of congestive heart failure.")).doesNotContainKey("Edema");
    // what the film shows in the same sentence is still read
    assertThat(labels("Stable cardiomegaly in a patient with a history of heart failure."))
        .containsEntry("Cardiomegaly", 1)
        .doesNotContainKey("Edema");
    assertThat(labels("No pneumonia. History of pneumonia.")).containsEntry("Pneumonia", 0);
    assertThat(labels("Recurrent right lower lobe pneumonia.")).containsEntry("Pneumonia", 1);
  }

  @Test
  void whatSomethingImitatesIsNotAsserted() {
    assertThat(labels("Nipple shadows simulate nodules.")).doesNotContainKey("Lung Lesion");
    assertThat(labels("Overlapping vessels mimicking a nodule in the left base."))
        .doesNotContainKey("Lung Lesion");
    // near misses: the finding is named outside the imitation
    assertThat(labels("Nodule in the left base, not a nipple shadow."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Right nipple shadow; no pulmonary nodule.")).containsEntry("Lung Lesion", 0);
  }

  @Test
  void aContourAttributedToTheAortaOrTheTechniqueIsNoEnlargement() {
    assertThat(labels("Mediastinal contour is prominent due to tortuous aorta."))
        .doesNotContainKey(ECM);
    assertThat(labels("Prominent mediastinal contour secondary to aortic tortuosity."))
        .doesNotContainKey(ECM);
    assertThat(labels("Apparent widening of the mediastinum is due to the AP projection."))
        .doesNotContainKey(ECM);
    assertThat(labels("Mediastinum appears widened secondary to the portable technique."))
        .doesNotContainKey(ECM);
    assertThat(labels("Heart size is enlarged due to AP technique."))
        .doesNotContainKey("Cardiomegaly");
    assertThat(labels("Apparent enlargement of the heart is due to the AP projection."))
        .doesNotContainKey("Cardiomegaly");
    // a comma may set off the cause
    assertThat(labels("The superior mediastinum is prominent, due to a tortuous aorta."))
        .doesNotContainKey(ECM);
    assertThat(labels("The superior mediastinum is prominent, with a tortuous aorta."))
        .containsEntry(ECM, 1);
    // vessels as the cause (round 4)
    assertThat(labels("Upper mediastinal widening likely secondary to vascular structures."))
        .doesNotContainKey(ECM);
    assertThat(labels("Mediastinal prominence is likely due to prominent vessels."))
        .doesNotContainKey(ECM);
    assertThat(labels("Widened mediastinum and prominent vascular structures."))
        .containsEntry(ECM, 1);
  }

  @Test
  void nearMissesOfAttributionKeepTheirReading() {
    // no link word: the aorta is a second finding beside the widening
    assertThat(labels("Widened mediastinum and tortuous aorta.")).containsEntry(ECM, 1);
    // a pathological cause keeps the widening
    assertThat(labels("Widened mediastinum due to lymphadenopathy.")).containsEntry(ECM, 1);
    // accentuated, not caused, by the technique
    assertThat(labels("Cardiomegaly, accentuated by AP technique."))
        .containsEntry("Cardiomegaly", 1);
    // a normal statement beside the aorta keeps its denial
    assertThat(labels("Normal mediastinal contour with tortuous aorta.")).containsEntry(ECM, 0);
    assertThat(labels("Mediastinal contours are within normal limits given the AP technique."))
        .containsEntry(ECM, 0);
    assertThat(labels("Mild cardiomegaly with tortuous aorta.")).containsEntry("Cardiomegaly", 1);
  }

  @Test
  void aRoundOpacityIsAnOpacityNotANamedLesion() {
    assertThat(labels("Round opacity projecting over the right hilum."))
        .containsEntry("Lung Opacity", 1)
        .doesNotContainKey("Lung Lesion");
    assertThat(labels("Rounded opacity in the left upper lobe, possibly a nodule."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Lung Lesion", -1);
    assertThat(labels("Round nodule in the right upper lobe.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("Nodular opacity in the right upper lobe.")).containsEntry("Lung Lesion", 1);
  }

  @Test
  void aMetastasisToBoneIsNoLungLesion() {
    assertThat(labels("Osseous metastatic disease.")).doesNotContainKey("Lung Lesion");
    assertThat(labels("Sclerotic metastases in the spine.")).doesNotContainKey("Lung Lesion");
    assertThat(labels("Metastases to bone.")).doesNotContainKey("Lung Lesion");
    assertThat(labels("Pulmonary metastatic disease.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("Innumerable pulmonary nodules consistent with metastases."))
        .containsEntry("Lung Lesion", 1);
  }

  @Test
  void aMetastasisIsALungLesionOnlyInTheLungs() {
    // CheXpert's lesion phrases name masses, nodules and tumors; 'metastasis' alone is a finding of
    // another kind (its No Finding list), in a chest film report as often the bones'
    assertThat(labels("Metastatic disease is possible, given the nonsclerotic appearance."))
        .doesNotContainKey("Lung Lesion")
        .containsEntry("No Finding", 1);
    assertThat(labels("No evidence of metastatic disease.")).doesNotContainKey("Lung Lesion");
    // near misses: the clause puts it in the lungs
    assertThat(labels("Multiple bilateral pulmonary metastases.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("Metastatic disease to both lungs.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("Metastases in the right lung are unchanged."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Nodules suggest metastatic disease.")).containsEntry("Lung Lesion", 1);
  }
}
