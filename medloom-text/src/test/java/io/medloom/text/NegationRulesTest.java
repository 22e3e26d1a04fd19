package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One positive and one negative case per negation / uncertainty rule category. */
class NegationRulesTest {
  static Existence of(String text, String finding) {
    List<Mention> ms = ReportParser.standard().mentions(text);
    return ms.stream()
        .filter(m -> m.finding().equals(finding))
        .map(Mention::existence)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + finding + " in: " + text + " -> " + ms));
  }

  @Test
  void preNegation() {
    assertThat(of("No pleural effusion.", "pleural effusion")).isEqualTo(Existence.ABSENT);
    assertThat(of("Small pleural effusion.", "pleural effusion")).isEqualTo(Existence.PRESENT);
  }

  @Test
  void preNegationCoversLists() {
    assertThat(of("No focal consolidation, pleural effusion, or pneumothorax.", "pneumothorax"))
        .isEqualTo(Existence.ABSENT);
    // window: a finding far beyond the pre-negation window is not negated
    assertThat(
            of(
                "No change in the appearance of the chest since the prior study with new right pneumothorax.",
                "pneumothorax"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void postNegation() {
    assertThat(of("Pneumothorax is not seen.", "pneumothorax")).isEqualTo(Existence.ABSENT);
    assertThat(of("Pneumothorax is seen at the apex.", "pneumothorax"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void scopeTerminatedByButAndHowever() {
    assertThat(
            of("No pneumothorax, but there is a small left pleural effusion.", "pleural effusion"))
        .isEqualTo(Existence.PRESENT);
    assertThat(of("No pneumothorax or pleural effusion.", "pleural effusion"))
        .isEqualTo(Existence.ABSENT);
    assertThat(of("No edema; however, bibasilar atelectasis is present.", "atelectasis"))
        .isEqualTo(Existence.PRESENT);
    assertThat(of("No edema or atelectasis.", "atelectasis")).isEqualTo(Existence.ABSENT);
  }

  @Test
  void noEvidenceOf() {
    assertThat(of("There is no evidence of pneumothorax.", "pneumothorax"))
        .isEqualTo(Existence.ABSENT);
    assertThat(of("There is evidence of pneumothorax.", "pneumothorax"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void without() {
    assertThat(of("Clear lungs without consolidation.", "consolidation"))
        .isEqualTo(Existence.ABSENT);
    assertThat(of("Right lower lobe consolidation with air bronchograms.", "consolidation"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void freeOf() {
    assertThat(of("The costophrenic angles are free of effusion.", "pleural effusion"))
        .isEqualTo(Existence.ABSENT);
    assertThat(of("The patient is free of symptoms; small effusion.", "pleural effusion"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void resolved() {
    assertThat(of("The left pleural effusion has resolved.", "pleural effusion"))
        .isEqualTo(Existence.ABSENT);
    assertThat(of("Interval resolution of the pneumothorax.", "pneumothorax"))
        .isEqualTo(Existence.ABSENT);
    assertThat(of("The left pleural effusion has increased.", "pleural effusion"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void mayRepresent() {
    assertThat(of("Streaky opacity may represent atelectasis.", "atelectasis"))
        .isEqualTo(Existence.UNCERTAIN);
    assertThat(of("Streaky opacity may represent atelectasis.", "opacity"))
        .isEqualTo(Existence.PRESENT);
    assertThat(of("Streaky opacity represents atelectasis.", "atelectasis"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void cannotExclude() {
    assertThat(of("Cannot exclude a small pneumothorax.", "pneumothorax"))
        .isEqualTo(Existence.UNCERTAIN);
    assertThat(of("Infection cannot be excluded.", "pneumonia")).isEqualTo(Existence.UNCERTAIN);
    assertThat(
            of(
                "Small pneumothorax is excluded from the field of view no, small pneumothorax.",
                "pneumothorax"))
        .isNotEqualTo(Existence.UNCERTAIN);
  }

  @Test
  void questionable() {
    assertThat(of("Questionable nodule in the right upper lobe.", "nodule"))
        .isEqualTo(Existence.UNCERTAIN);
    assertThat(of("Definite nodule in the right upper lobe.", "nodule"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void likely() {
    assertThat(of("Bibasilar opacities, likely atelectasis.", "atelectasis"))
        .isEqualTo(Existence.UNCERTAIN);
    assertThat(of("Right lower lobe consolidation, likely pneumonia.", "consolidation"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void versus() {
    assertThat(of("Left basilar atelectasis versus consolidation.", "atelectasis"))
        .isEqualTo(Existence.UNCERTAIN);
    assertThat(of("Left basilar atelectasis versus consolidation.", "consolidation"))
        .isEqualTo(Existence.UNCERTAIN);
    assertThat(of("Left basilar atelectasis and consolidation.", "consolidation"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void pseudoTriggers() {
    assertThat(of("No change in the small left pleural effusion.", "pleural effusion"))
        .isEqualTo(Existence.PRESENT);
    assertThat(of("No focal airspace consolidation to suggest pneumonia.", "pneumonia"))
        .isEqualTo(Existence.ABSENT);
  }

  @Test
  void xxxxPlaceholders() {
    assertThat(of("No XXXX pleural effusion.", "pleural effusion")).isEqualTo(Existence.ABSENT);
    assertThat(of("XXXX pleural effusion.", "pleural effusion")).isEqualTo(Existence.PRESENT);
    assertThat(of("Streaky opacities in the right upper lobe, XXXX scarring.", "opacity"))
        .isEqualTo(Existence.PRESENT);
  }

  @Test
  void sentenceBoundariesStopScopes() {
    // negation does not leak across a sentence end, and "Dr." / "5.5 cm" / "T8-T10" are not ends
    assertThat(of("No pneumothorax. Pleural effusion is present.", "pleural effusion"))
        .isEqualTo(Existence.PRESENT);
    assertThat(of("Discussed with Dr. XXXX: no pleural effusion.", "pleural effusion"))
        .isEqualTo(Existence.ABSENT);
    assertThat(
            of(
                "Findings discussed with Dr. Smith at 5 pm. Large pleural effusion.",
                "pleural effusion"))
        .isEqualTo(Existence.PRESENT);
    assertThat(of("No 5.5 cm mass is seen.", "mass")).isEqualTo(Existence.ABSENT);
    assertThat(of("There is a 5.5 cm mass.", "mass")).isEqualTo(Existence.PRESENT);
    assertThat(of("No compression fracture of T8-T10.", "fracture")).isEqualTo(Existence.ABSENT);
    assertThat(of("Compression fracture of T8-T10.", "fracture")).isEqualTo(Existence.PRESENT);
  }

  @Test
  void carriersNeedAQualifier() {
    assertThat(of("Heart size is normal.", "cardiomegaly")).isEqualTo(Existence.ABSENT);
    assertThat(of("The heart is not enlarged.", "cardiomegaly")).isEqualTo(Existence.ABSENT);
    assertThat(of("The heart is enlarged.", "cardiomegaly")).isEqualTo(Existence.PRESENT);
    assertThat(of("Heart size is borderline.", "cardiomegaly")).isEqualTo(Existence.UNCERTAIN);
    // at the upper limit of normal is within normal limits (CheXpert's negation patterns)
    assertThat(of("Heart size is upper limits of normal.", "cardiomegaly"))
        .isEqualTo(Existence.ABSENT);
    assertThat(ReportParser.standard().mentions("The heart and lungs have XXXX in the interval."))
        .isEmpty();
  }

  @Test
  void signsAreHedged() {
    assertThat(of("Blunting of the left costophrenic angle.", "pleural effusion"))
        .isEqualTo(Existence.UNCERTAIN);
    assertThat(of("No blunting of the costophrenic angles.", "pleural effusion"))
        .isEqualTo(Existence.ABSENT);
  }
}
