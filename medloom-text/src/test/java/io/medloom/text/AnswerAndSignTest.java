package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two classes of error found on the IU tune half and in structured reports: a finding answered
 * after a colon ("Pneumothorax: none.") and the pleural line, a pneumothorax sign only in its
 * context. Each with near misses that must keep their old reading.
 */
class AnswerAndSignTest {
  static Integer ptx(String text) {
    return ChexpertLabeler.standard().label(text).get("Pneumothorax");
  }

  static Map<String, Integer> labels(String text) {
    return ChexpertLabeler.standard().label(text);
  }

  @Test
  void aNegativeAnswerAfterAColonDeniesTheLabel() {
    assertThat(ptx("Pneumothorax: none.")).isZero();
    assertThat(ptx("PNEUMOTHORAX: None.")).isZero();
    assertThat(ptx("Pneumothorax: none seen.")).isZero();
    assertThat(ptx("Pneumothorax: not seen.")).isZero();
    assertThat(ptx("Pneumothorax: resolved.")).isZero();
    assertThat(labels("Effusion: no.")).containsEntry("Pleural Effusion", 0);
    assertThat(labels("Pleural effusion: none. Pneumothorax: none."))
        .containsEntry("Pleural Effusion", 0)
        .containsEntry("Pneumothorax", 0);
    assertThat(labels("Tubes and lines: none.")).containsEntry("Support Devices", 0);
    // a hedge as the answer hedges the label
    assertThat(ptx("Pneumothorax: possible.")).isEqualTo(-1);
  }

  @Test
  void nearMissesOfTheColonAnswerKeepTheirReading() {
    // the answer names the finding itself, or the trigger governs a finding after it
    assertThat(ptx("Pneumothorax: small left apical.")).isEqualTo(1);
    assertThat(ptx("Findings: pneumothorax.")).isEqualTo(1);
    assertThat(ptx("Impression: no pneumothorax.")).isZero();
    // the answer covers its own label only, not the label before it
    assertThat(labels("Lungs: clear. Pneumothorax: none. Effusion: small left."))
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Pleural Effusion", 1);
    // "no change" is no negation, after a colon or not
    assertThat(ptx("Pneumothorax: no change.")).isEqualTo(1);
    // a trigger followed by more than evidential words is not a bare answer
    assertThat(labels("Impression: no acute disease, small effusion."))
        .containsEntry("Pleural Effusion", 1);
  }

  @Test
  void aPleuralLineIsAPneumothoraxSignOnlyInItsContext() {
    assertThat(ptx("A pleural line is visible at the right apex.")).isEqualTo(1);
    assertThat(ptx("The pleural line is visible with no lung markings beyond it.")).isEqualTo(1);
    assertThat(ptx("A visceral pleural line is seen in the left apex.")).isEqualTo(1);
    assertThat(ptx("Apical pleural line on the right.")).isEqualTo(1);
    // denied: said only when looking for a pneumothorax
    assertThat(ptx("No pleural line is visible.")).isZero();
    assertThat(ptx("Pleural line is not seen.")).isZero();
    assertThat(ptx("No visible pleural line to suggest pneumothorax.")).isZero();
  }

  @Test
  void aPleuralLineElsewhereIsAnatomy() {
    assertThat(ptx("Thin pleural line along the right lateral chest wall.")).isNull();
    assertThat(ptx("The pleural line of the minor fissure is slightly thickened.")).isNull();
    assertThat(ptx("Pleural line along the left lateral chest wall, likely a skin fold.")).isNull();
    // a cue in another clause does not count
    assertThat(ptx("Pleural line along the lateral chest wall, and clear apices.")).isNull();
    // pleural thickening stays Pleural Other
    assertThat(labels("Pleural thickening along the left lateral chest wall."))
        .containsEntry("Pleural Other", 1)
        .doesNotContainKey("Pneumothorax");
  }
}
