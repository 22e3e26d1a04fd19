package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Word-sense rules (senses.json): each ambiguous finding word in its other sense, next to the same
 * word in its finding sense.
 */
class WordSenseTest {
  static List<String> findings(String text) {
    return TripletExtractor.standard().extract(text).stream().map(Triplet::finding).toList();
  }

  static List<String> labels(String text) {
    return ChexpertLabeler.standard().label(text).entrySet().stream()
        .filter(e -> e.getValue() != 0)
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  @Test
  void infection() {
    assertThat(findings("Residuals of prior granulomatous infection."))
        .containsExactly("calcification");
    assertThat(labels("Residuals of prior granulomatous infection.")).doesNotContain("Pneumonia");
    assertThat(findings("History of urinary tract infection.")).isEmpty();
    assertThat(findings("Left basilar opacity, likely infection.")).contains("pneumonia");
  }

  @Test
  void density() {
    assertThat(findings("Decreased bone density.")).isEmpty();
    assertThat(findings("Soft tissue density overlying the left base.")).isEmpty();
    assertThat(findings("Scattered metallic densities throughout the chest from a gunshot wound."))
        .isEmpty();
    assertThat(findings("Density in the right middle lobe.")).containsExactly("opacity");
  }

  @Test
  void displaced() {
    // a displaced fracture is counted once, as a fracture, never as a shift
    assertThat(findings("No displaced rib fractures.")).containsExactly("fracture");
    assertThat(findings("No definite displaced bony injury.")).containsExactly("fracture");
    assertThat(findings("Humeral neck fracture with displacement of the distal fragment."))
        .doesNotContain("shift");
    assertThat(findings("The trachea is displaced to the right.")).containsExactly("shift");
  }

  @Test
  void line() {
    assertThat(findings("A skin fold line crosses the right hemithorax.")).isEmpty();
    assertThat(findings("Kerley B lines at the bases.")).containsExactly("edema");
    assertThat(findings("No visible pleural line.")).containsExactly("pneumothorax");
    assertThat(findings("Lines and tubes are in place.")).contains("tube");
    assertThat(findings("Right PICC line terminates in the SVC.")).contains("line");
  }

  @Test
  void tube() {
    assertThat(findings("Gastrostomy tube is noted.")).containsExactly("tube");
    assertThat(findings("Mucus plugging of a bronchial tube.")).doesNotContain("tube");
    assertThat(findings("The scapular tip overlaps the right upper lung.")).isEmpty();
    assertThat(findings("Catheter tip in the mid SVC.")).contains("tip");
    // TIPS written as an acronym is a shunt stent, not catheter tips
    assertThat(findings("TIPS noted.")).containsExactly("stent");
    assertThat(findings("Two catheter tips overlie the SVC.")).doesNotContain("stent");
  }

  @Test
  void massEffect() {
    assertThat(findings("No mass effect on the trachea.")).isEmpty();
    assertThat(findings("A mass in the left breast projects over the lung.")).isEmpty();
    assertThat(findings("Large right upper lobe mass.")).containsExactly("mass");
  }

  @Test
  void otherOrgans() {
    assertThat(labels("Small pericardial effusion.")).doesNotContain("Pleural Effusion");
    assertThat(labels("Small pleural effusion.")).contains("Pleural Effusion");
    assertThat(findings("Subcutaneous emphysema in the left chest wall.")).isEmpty();
    assertThat(findings("Soft tissue edema of the chest wall.")).isEmpty();
    assertThat(labels("Lytic lesion in the left humeral head.")).doesNotContain("Lung Lesion");
    assertThat(labels("Cavitary lesion in the left upper lobe.")).contains("Lung Lesion");
    assertThat(findings("External cardiac monitor leads.")).containsExactly("device");
    assertThat(labels("Calcified nodule in the left lower lobe.")).doesNotContain("Lung Lesion");
    assertThat(labels("Non-calcified nodule in the left lower lobe.")).contains("Lung Lesion");
    assertThat(labels("Blunting of the left costophrenic angle from pleural thickening."))
        .doesNotContain("Pleural Effusion");
  }

  @Test
  void brokenDevice() {
    // a broken wire, lead or catheter is a device finding, never a bone fracture
    assertThat(findings("Broken sternal wires.")).doesNotContain("fracture");
    assertThat(findings("The third sternal wire is fractured.")).doesNotContain("fracture");
    assertThat(labels("A broken pacer lead."))
        .contains("Support Devices")
        .doesNotContain("Fracture");
    assertThat(labels("Fractured sternotomy wire.")).doesNotContain("Fracture");
    // near misses: a broken bone, and a fracture with its fixation hardware
    assertThat(labels("Broken left seventh rib.")).contains("Fracture");
    assertThat(labels("Right clavicle fracture with fixation plate and screws."))
        .contains("Fracture", "Support Devices");
  }
}
