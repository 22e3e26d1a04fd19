package io.medloom.text.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroShotPromptsTest {
  private final ZeroShotPrompts zs = ZeroShotPrompts.standard();

  private static List<String> allClasses() {
    List<String> all = new ArrayList<>(PromptBankTest.CHEXPERT);
    all.addAll(PromptBankTest.PHANTOM);
    return all;
  }

  @Test
  void everyClassHasNonEmptyDuplicateFreeSets() {
    Map<String, List<String>> pos = zs.positive(allClasses());
    Map<String, List<String>> neg = zs.negative(allClasses());
    assertThat(pos.keySet()).containsExactlyElementsOf(allClasses());
    for (String c : allClasses()) {
      assertThat(pos.get(c)).as(c).isNotEmpty().doesNotHaveDuplicates().allMatch(s -> !s.isBlank());
      assertThat(neg.get(c))
          .as(c)
          .isNotEmpty()
          .doesNotHaveDuplicates()
          .allMatch(s -> s.startsWith("No ") || s.startsWith("Abnormal"));
      assertThat(pos.get(c)).doesNotContainAnyElementsOf(neg.get(c));
    }
  }

  @Test
  void competitionClassesAreExpandedFromTemplates() {
    Map<String, List<String>> pos = zs.positive(ZeroShotPrompts.COMPETITION_CLASSES);
    Map<String, List<String>> neg = zs.negative(ZeroShotPrompts.COMPETITION_CLASSES);
    for (String c : ZeroShotPrompts.COMPETITION_CLASSES) {
      assertThat(pos.get(c)).as(c).hasSizeGreaterThanOrEqualTo(10);
      assertThat(neg.get(c)).as(c).hasSizeGreaterThanOrEqualTo(5);
      assertThat(pos.get(c)).allMatch(s -> !s.contains("  ") && s.equals(s.strip()));
    }
    assertThat(pos.get("Atelectasis"))
        .contains("Atelectasis", "Mild linear atelectasis at the left lung base");
    assertThat(neg.get("Pleural Effusion"))
        .contains("No pleural effusion", "No pleural fluid on the left");
  }

  @Test
  void otherClassesGetNoXAndXPairs() {
    assertThat(zs.positive(List.of("Pneumothorax")).get("Pneumothorax"))
        .containsExactly("Pneumothorax");
    assertThat(zs.negative(List.of("Pneumothorax")).get("Pneumothorax"))
        .containsExactly("No pneumothorax");
    assertThat(zs.positive(List.of("support devices")).get("support devices"))
        .containsExactly("Support devices");
    assertThat(zs.negative(List.of("No Finding")).get("No Finding"))
        .containsExactly("Abnormal chest radiograph");
    // Unknown names are kept as written (they may be acronyms).
    assertThat(zs.positive(List.of("ARDS")).get("ARDS")).containsExactly("ARDS");
    assertThat(zs.negative(List.of("ARDS")).get("ARDS")).containsExactly("No ARDS");
  }

  @Test
  void orderIsStableAcrossCallsAndInstances() {
    assertThat(zs.positive(allClasses()))
        .isEqualTo(ZeroShotPrompts.standard().positive(allClasses()));
    assertThat(zs.positive(List.of("Edema")).get("Edema").get(0)).isEqualTo("Pulmonary edema");
  }
}
