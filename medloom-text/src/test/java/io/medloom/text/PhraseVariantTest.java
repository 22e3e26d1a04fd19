package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trigger phrases in the forms reports vary them: an adverb inside the phrase ("cannot be
 * completely excluded"), a negated "appear" ("does not appear enlarged"), "neither seen nor
 * suspected", "not suspected", "nothing to suggest", "clearing of", and a negated list that ends at
 * a device placement. Each case has a near miss that must come out differently.
 */
class PhraseVariantTest {
  static Map<String, Integer> label(String s) {
    return ChexpertLabeler.standard().label(s);
  }

  @Test
  void anAdverbInsideATriggerKeepsItsMeaning() {
    assertThat(label("Pneumothorax cannot be completely excluded."))
        .containsEntry("Pneumothorax", -1);
    assertThat(label("A small left effusion can not be definitely excluded."))
        .containsEntry("Pleural Effusion", -1);
    // 'ruled out' alone negates; inside 'cannot be ... ruled out' it hedges
    assertThat(label("A small effusion cannot be entirely ruled out."))
        .containsEntry("Pleural Effusion", -1);
    assertThat(label("Pneumonia is not completely excluded.")).containsEntry("Pneumonia", -1);
    assertThat(label("Consolidation is not definitely identified."))
        .containsEntry("Consolidation", 0);
    // near misses: the adverb also reaches pseudo-triggers, which assert the finding
    assertThat(label("Cardiomegaly is not significantly changed."))
        .containsEntry("Cardiomegaly", 1);
  }

  @Test
  void aNegatedAppearDeniesWhatFollows() {
    assertThat(label("The heart does not appear enlarged.")).containsEntry("Cardiomegaly", 0);
    assertThat(label("The cardiac silhouette does not appear significantly enlarged."))
        .containsEntry("Cardiomegaly", 0);
    assertThat(label("The heart does not appear to be enlarged.")).containsEntry("Cardiomegaly", 0);
    assertThat(label("The mediastinum does not appear widened."))
        .containsEntry("Enlarged Cardiomediastinum", 0);
    // near misses: an affirmed 'appears', and 'does not appear changed' (still there)
    assertThat(label("The heart appears enlarged.")).containsEntry("Cardiomegaly", 1);
    assertThat(label("The left pleural effusion does not appear changed."))
        .containsEntry("Pleural Effusion", 1);
  }

  @Test
  void neitherSeenNorSuspected() {
    assertThat(label("Pneumothorax is neither seen nor suspected."))
        .containsEntry("Pneumothorax", 0);
    assertThat(label("Focal consolidation is neither present nor suspected."))
        .containsEntry("Consolidation", 0);
    assertThat(label("Pneumonia is not suspected.")).containsEntry("Pneumonia", 0);
    assertThat(label("There is nothing to suggest pneumothorax.")).containsEntry("Pneumothorax", 0);
    // near miss: 'suspected' alone hedges
    assertThat(label("Pneumothorax is suspected.")).containsEntry("Pneumothorax", -1);
  }

  @Test
  void clearingOfAFindingMeansItIsGone() {
    assertThat(label("Interval clearing of the left basilar opacity."))
        .containsEntry("Lung Opacity", 0);
    assertThat(label("Interval clearing of right lower lobe consolidation."))
        .containsEntry("Consolidation", 0);
    // near miss: partial clearing leaves the finding
    assertThat(label("Partial clearing of the left lower lobe consolidation."))
        .containsEntry("Consolidation", 1);
  }

  @Test
  void aNegatedListEndsAtADevicePlacement() {
    assertThat(label("No pneumothorax and interval placement of a chest tube."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Support Devices", 1);
    assertThat(label("No effusion and a newly placed right PICC line."))
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Support Devices", 1);
    // near misses: a device in the list itself is denied; 'interval' is an adjective of the list
    assertThat(label("No pneumothorax or chest tube.")).containsEntry("Support Devices", 0);
    assertThat(label("No pleural effusion, pneumothorax or interval airspace consolidation."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Consolidation", 0);
  }

  @Test
  void aNormalPredicateBeforeWithoutOrWith() {
    // the qualifier 'normal' is the carrier's predicate even when 'without ...' follows it
    assertThat(label("Heart size normal without pulmonary vascular congestion."))
        .containsEntry("Cardiomegaly", 0)
        .containsEntry("Edema", 0);
    assertThat(label("Cardiomediastinal silhouette normal without effusion."))
        .containsEntry("Cardiomegaly", 0)
        .containsEntry("Enlarged Cardiomediastinum", 0)
        .containsEntry("Pleural Effusion", 0);
    assertThat(label("Heart size normal without hilar enlargement."))
        .containsEntry("Cardiomegaly", 0);
    // near miss: 'normal' in front of a noun qualifies that noun, not the heart
    assertThat(label("Heart size is enlarged, normal pulmonary vascularity."))
        .containsEntry("Cardiomegaly", 1);
  }

  @Test
  void hedgesInTheirOtherForms() {
    assertThat(label("Atelectasis is favored.")).containsEntry("Atelectasis", -1);
    assertThat(label("Findings favor atelectasis.")).containsEntry("Atelectasis", -1);
    assertThat(label("There is a suggestion of mild interstitial edema."))
        .containsEntry("Edema", -1);
    assertThat(label("The possibility of pneumonia is considered.")).containsEntry("Pneumonia", -1);
    assertThat(label("Differential considerations include atelectasis and pneumonia."))
        .containsEntry("Atelectasis", -1)
        .containsEntry("Pneumonia", -1);
    assertThat(label("Suspicion of a small pneumothorax.")).containsEntry("Pneumothorax", -1);
    assertThat(label("Opacity which could also represent pneumonia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Pneumonia", -1);
    assertThat(label("Pneumonia cannot be differentiated from atelectasis."))
        .containsEntry("Pneumonia", -1)
        .containsEntry("Atelectasis", -1);
    assertThat(label("A small effusion is probably present."))
        .containsEntry("Pleural Effusion", -1);
    assertThat(label("A pneumothorax would be difficult to exclude."))
        .containsEntry("Pneumothorax", -1);
    // near misses: an affirmed statement next to each form
    assertThat(label("Atelectasis is present.")).containsEntry("Atelectasis", 1);
    assertThat(label("Pneumonia is distinguished by the lateral view."))
        .containsEntry("Pneumonia", 1);
  }

  @Test
  void anEvaluationForAFindingHedgesIt() {
    // CheXpert's reading: the finding is in question ("evaluate for", like "to exclude")
    assertThat(label("Recommend CT to evaluate for nodule.")).containsEntry("Lung Lesion", -1);
    // a limitation of the exam asserts nothing
    assertThat(label("Limited evaluation for pneumothorax on this supine film."))
        .doesNotContainKey("Pneumothorax");
    // a follow-up to document resolution follows a finding that is there now
    assertThat(label("Recommend follow-up radiographs to document resolution of pneumonia."))
        .containsEntry("Pneumonia", 1);
    // near miss: an evaluation that found something
    assertThat(label("Evaluation shows a right lower lobe nodule."))
        .containsEntry("Lung Lesion", 1);
  }
}
