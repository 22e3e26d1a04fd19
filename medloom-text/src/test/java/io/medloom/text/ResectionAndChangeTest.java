package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two classes found by probing around the tune half's lesion errors. A lesion named as what was
 * resected ("status post lobectomy for lung cancer", "wedge resection of a nodule") is gone now, as
 * NegBio's "removal of" reads it; it was a present Lung Lesion. A word of change opens a new
 * assertion after a comma, as a size word does: "no pneumothorax, new right effusion" denied the
 * effusion. Near misses: a lesion beside the surgery, a resection recommended, "or new".
 */
class ResectionAndChangeTest {
  static Map<String, Integer> labels(String text) {
    return ChexpertLabeler.standard().label(text);
  }

  @Test
  void aResectedLesionIsGone() {
    assertThat(labels("Status post left upper lobectomy for lung cancer."))
        .containsEntry("Lung Lesion", 0)
        .containsEntry("No Finding", 1);
    assertThat(labels("Postsurgical changes of right upper lobe resection for carcinoma."))
        .containsEntry("Lung Lesion", 0);
    assertThat(labels("Surgical clips from prior wedge resection of a nodule."))
        .containsEntry("Lung Lesion", 0)
        .containsEntry("Support Devices", 1);
  }

  @Test
  void aLesionBesideTheSurgeryStays() {
    assertThat(
            labels("Status post right upper lobectomy with a new nodule in the left lower lobe."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Mass in the right upper lobe; surgical resection is recommended."))
        .containsEntry("Lung Lesion", 1);
    assertThat(labels("Recurrent mass at the resection margin.")).containsEntry("Lung Lesion", 1);
    assertThat(labels("Status post resection of a right upper lobe mass, new left lower nodule."))
        .containsEntry("Lung Lesion", 1);
  }

  @Test
  void aWordOfChangeEndsTheDenialAfterAComma() {
    assertThat(labels("No pneumothorax, new right pleural effusion."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Pleural Effusion", 1);
    assertThat(labels("No pneumothorax, increased right pleural effusion."))
        .containsEntry("Pleural Effusion", 1);
    assertThat(labels("No pneumothorax and decreased right pleural effusion."))
        .containsEntry("Pleural Effusion", 1);
    assertThat(labels("Status post left lobectomy for lung cancer, new right pleural effusion."))
        .containsEntry("Lung Lesion", 0)
        .containsEntry("Pleural Effusion", 1);
  }

  @Test
  void theDenialStillCoversItsList() {
    assertThat(labels("No pneumothorax or new effusion."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Pleural Effusion", 0);
    assertThat(labels("No new focal consolidation, effusion, or pneumothorax."))
        .containsEntry("Consolidation", 0)
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Pneumothorax", 0);
    assertThat(labels("No increased opacity, effusion or pneumothorax."))
        .containsEntry("Lung Opacity", 0)
        .containsEntry("Pleural Effusion", 0);
  }
}
