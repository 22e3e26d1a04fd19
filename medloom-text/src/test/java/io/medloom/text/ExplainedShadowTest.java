package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Classes of error from the IU tune half and from probing around them: a density, opacity or mass
 * that the sentence explains as a hernia (no lung finding), a device named after "fracture of", and
 * a hedge that names what the subject may be ("the opacity is likely pneumonia": the opacity is
 * affirmed, the pneumonia hedged). Each with near misses that keep their reading.
 */
class ExplainedShadowTest {
  static Map<String, Integer> labels(String text) {
    return ChexpertLabeler.standard().label(text);
  }

  @Test
  void aShadowExplainedAsAHerniaIsNoLungFinding() {
    assertThat(labels("Retrocardiac mass, likely a hiatal hernia."))
        .doesNotContainKeys("Lung Lesion", "Lung Opacity")
        .containsEntry("No Finding", 1);
    assertThat(labels("Retrocardiac opacity with air-fluid level representing a hiatal hernia."))
        .doesNotContainKey("Lung Opacity");
    assertThat(labels("Retrocardiac lesion compatible with hiatal hernia."))
        .doesNotContainKey("Lung Lesion");
    assertThat(labels("The retrocardiac density is due to a hiatal hernia."))
        .doesNotContainKey("Lung Opacity");
    // a one-word aside between commas does not cut the explanation off
    assertThat(
            labels(
                "Stable increased density overlying the lower mediastinum, unchanged, is likely"
                    + " due to hiatal hernia."))
        .doesNotContainKey("Lung Opacity");
    assertThat(
            labels(
                "Retrocardiac mass with an air-fluid level, consistent with a large hiatal hernia."))
        .doesNotContainKey("Lung Lesion");
  }

  @Test
  void aHerniaBesideTheShadowLeavesIt() {
    // no linking word: two findings side by side
    assertThat(labels("Retrocardiac opacity and a small hiatal hernia."))
        .containsEntry("Lung Opacity", 1);
    assertThat(labels("Left basilar opacity. Small hiatal hernia."))
        .containsEntry("Lung Opacity", 1);
    assertThat(labels("Mass in the left upper lobe; hiatal hernia also noted."))
        .containsEntry("Lung Lesion", 1);
    // the link names another cause first: coordinated, or a finding between
    assertThat(labels("Right basilar opacity due to atelectasis and hiatal hernia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", 1);
    assertThat(labels("Left base opacity is likely pneumonia with a small hiatal hernia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Pneumonia", -1);
    assertThat(labels("Retrocardiac opacity, likely atelectasis, and a hiatal hernia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", -1);
    assertThat(labels("Left lower lobe mass, not a hernia.")).containsEntry("Lung Lesion", 1);
  }

  @Test
  void theAsideAlsoCarriesAnAttributedContour() {
    assertThat(labels("Mediastinal contour is prominent, stable, due to a tortuous aorta."))
        .doesNotContainKey("Enlarged Cardiomediastinum");
    assertThat(labels("Mediastinal contour is prominent, stable, with a tortuous aorta."))
        .containsEntry("Enlarged Cardiomediastinum", 1);
  }

  @Test
  void aFractureOfADeviceIsNoBoneFracture() {
    assertThat(labels("Fracture of the superior sternotomy wire.")).doesNotContainKey("Fracture");
    assertThat(labels("Fracture of the pacer lead."))
        .doesNotContainKey("Fracture")
        .containsEntry("Support Devices", 1);
    assertThat(labels("Fracture of the left fifth rib.")).containsEntry("Fracture", 1);
    assertThat(labels("Fracture of the left fifth rib and a pacer lead."))
        .containsEntry("Fracture", 1)
        .containsEntry("Support Devices", 1);
  }

  @Test
  void aHedgeThatNamesWhatTheSubjectMayBeGovernsThatName() {
    assertThat(labels("Opacity in the left base is likely pneumonia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Pneumonia", -1);
    assertThat(labels("The opacity is likely to represent atelectasis."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", -1);
    assertThat(labels("Left basilar opacities are likely atelectasis, no effusion."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Atelectasis", -1)
        .containsEntry("Pleural Effusion", 0);
  }

  @Test
  void aHedgeOnTheSubjectStillHedgesIt() {
    assertThat(labels("Pneumonia is likely.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Pneumonia is likely in the right base.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Pneumonia is likely given the history.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Pneumonia is likely to be present.")).containsEntry("Pneumonia", -1);
    assertThat(labels("Infiltrates are likely, with a small effusion."))
        .containsEntry("Lung Opacity", -1)
        .containsEntry("Pleural Effusion", 1);
    assertThat(labels("Left base opacity, likely pneumonia."))
        .containsEntry("Lung Opacity", 1)
        .containsEntry("Pneumonia", -1);
  }
}
