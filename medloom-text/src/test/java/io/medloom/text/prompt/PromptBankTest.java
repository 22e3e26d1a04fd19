package io.medloom.text.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptBankTest {
  static final List<String> CHEXPERT =
      List.of(
          "No Finding",
          "Enlarged Cardiomediastinum",
          "Cardiomegaly",
          "Lung Opacity",
          "Lung Lesion",
          "Edema",
          "Consolidation",
          "Pneumonia",
          "Atelectasis",
          "Pneumothorax",
          "Pleural Effusion",
          "Pleural Other",
          "Fracture",
          "Support Devices");
  static final List<String> PHANTOM =
      List.of(
          "no finding",
          "cardiomegaly",
          "pleural effusion",
          "pneumothorax",
          "nodule",
          "mass",
          "consolidation",
          "support devices");

  private final PromptBank bank = PromptBank.standard();

  @Test
  void coversChexpertAndPhantomClasses() {
    assertThat(bank.classes()).extracting(ClassPrompts::name).containsAll(CHEXPERT);
    for (String name : PHANTOM) {
      assertThat(bank.find(name)).as(name).isPresent();
      assertThat(bank.find(name.toUpperCase()).get().name())
          .isEqualTo(bank.find(name).get().name());
    }
    assertThat(bank.find("Pleural_Effusion").get().name()).isEqualTo("Pleural Effusion");
    assertThat(bank.find("effusion").get().name()).isEqualTo("Pleural Effusion");
    assertThat(bank.find("  pulmonary   nodule ").get().name()).isEqualTo("Nodule");
    assertThat(bank.find("Hernia")).isEmpty();
  }

  @Test
  void everyClassHasAtLeastFiveDistinctSentencesPerPolarity() {
    for (ClassPrompts c : bank.classes()) {
      for (Polarity p : Polarity.values()) {
        assertThat(c.pool(p))
            .as(c.name() + " " + p)
            .hasSizeGreaterThanOrEqualTo(5)
            .doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void uncertainSentencesHedgeNegativesNegatePositivesDoNeither() {
    for (ClassPrompts c : bank.classes()) {
      for (String s : c.uncertain()) {
        assertThat(bank.hasHedge(s)).as("hedge cue in [%s]", s).isTrue();
      }
      for (String s : c.negative()) {
        assertThat(bank.hasNegation(s)).as("negation cue in [%s]", s).isTrue();
        assertThat(bank.hasHedge(s)).as("no hedge cue in [%s]", s).isFalse();
      }
      for (String s : c.positive()) {
        assertThat(bank.hasNegation(s)).as("no negation cue in [%s]", s).isFalse();
        assertThat(bank.hasHedge(s)).as("no hedge cue in [%s]", s).isFalse();
      }
    }
  }

  @Test
  void cuesMatchWholeWordsOnly() {
    assertThat(bank.hasNegation("A nodule is seen.")).isFalse(); // "no" inside "nodule"
    assertThat(bank.hasNegation("Notable cardiomegaly.")).isFalse();
    assertThat(bank.hasNegation("No effusion.")).isTrue();
    assertThat(bank.hasHedge("Effusion cannot be excluded.")).isTrue();
    assertThat(bank.hasHedge("Mayo clinic.")).isFalse();
    assertThat(bank.hedgeWords()).contains("possible", "cannot be excluded", "may");
    assertThat(bank.negationWords()).contains("no", "not", "without");
  }

  @Test
  void everySentenceIsWellFormedAndBelongsToOnePoolOnly() {
    // Unique ownership lets tests (and users) map a generated sentence back to its class and label.
    Map<String, String> owner = new HashMap<>();
    for (ClassPrompts c : bank.classes()) {
      for (Polarity p : Polarity.values()) {
        for (String s : c.pool(p)) {
          assertThat(s).matches("[A-Z0-9].*\\.").doesNotContain(". ").doesNotContain("  ");
          String prior = owner.put(s, c.name() + "/" + p);
          assertThat(prior).as("sentence [%s] in two pools", s).isNull();
        }
      }
    }
  }

  @Test
  void synonymsAreUnambiguous() {
    Set<String> seen = new HashSet<>();
    for (ClassPrompts c : bank.classes()) {
      assertThat(seen.add(Texts.key(c.name()))).isTrue();
      for (String s : c.synonyms()) {
        assertThat(seen.add(Texts.key(s))).as(s).isTrue();
      }
    }
  }

  @Test
  void rejectsBrokenResources() {
    String noGenericSlot =
        "{\"hedgeWords\":[\"may\"],\"negationWords\":[\"no\"],\"classes\":[],"
            + "\"generic\":{\"positive\":[\"There is it.\"],\"negative\":[\"No {class}.\"],"
            + "\"uncertain\":[\"Possible {class}.\"]}}";
    assertThatThrownBy(() -> PromptBank.load(stream(noGenericSlot)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{class}");
    assertThatThrownBy(() -> PromptBank.load(stream("{\"classes\":[]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing field");
    String emptyPool =
        "{\"hedgeWords\":[],\"negationWords\":[],\"generic\":{\"positive\":[\"{class}\"],"
            + "\"negative\":[\"{class}\"],\"uncertain\":[\"{class}\"]},\"classes\":[{\"name\":\"X\","
            + "\"positive\":[\"X.\"],\"negative\":[],\"uncertain\":[\"X?\"]}]}";
    assertThatThrownBy(() -> PromptBank.load(stream(emptyPool)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every polarity");
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }
}
