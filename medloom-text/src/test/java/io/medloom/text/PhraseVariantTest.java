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
}
