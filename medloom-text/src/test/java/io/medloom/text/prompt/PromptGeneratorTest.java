package io.medloom.text.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PromptGeneratorTest {
  private final PromptGenerator gen = PromptGenerator.standard();

  private static Map<String, Integer> labels() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("Cardiomegaly", 1);
    m.put("Pleural Effusion", 0);
    m.put("Edema", -1);
    m.put("Pneumothorax", 0);
    m.put("Support Devices", 1);
    m.put("Atelectasis", -1);
    return m;
  }

  /** Splits a report back into sentences; pool sentences contain no inner ". ". */
  private static List<String> split(String report) {
    return report.isEmpty() ? List.of() : Arrays.asList(report.split("(?<=\\.) "));
  }

  @Test
  void sameLabelsAndSeedGiveSameTextRegardlessOfMapOrder() {
    String a = gen.reportFor(labels(), 42);
    assertThat(gen.reportFor(labels(), 42)).isEqualTo(a);
    assertThat(gen.reportFor(new HashMap<>(labels()), 42)).isEqualTo(a);
    assertThat(gen.reportFor(new TreeMap<>(labels()), 42)).isEqualTo(a);
    Map<String, Integer> reversed = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(labels().keySet());
    for (int i = keys.size() - 1; i >= 0; i--) {
      reversed.put(keys.get(i), labels().get(keys.get(i)));
    }
    assertThat(gen.reportFor(reversed, 42)).isEqualTo(a);
  }

  @Test
  void otherSeedsGiveOtherTextsMostOfTheTime() {
    int differ = 0;
    for (long s = 0; s < 200; s++) {
      if (!gen.reportFor(labels(), s).equals(gen.reportFor(labels(), s + 1000))) {
        differ++;
      }
    }
    assertThat(differ).isGreaterThanOrEqualTo(190);
  }

  @Test
  void eachLabeledClassGetsExactlyOneSentenceOfItsPolarity() {
    PromptBank bank = gen.bank();
    for (long seed = 0; seed < 50; seed++) {
      List<String> sentences = new ArrayList<>(split(gen.reportFor(labels(), seed)));
      assertThat(sentences).hasSize(labels().size());
      for (Map.Entry<String, Integer> e : labels().entrySet()) {
        List<String> pool = bank.find(e.getKey()).orElseThrow().pool(Polarity.of(e.getValue()));
        long hits = sentences.stream().filter(pool::contains).count();
        assertThat(hits).as("%s seed %d", e.getKey(), seed).isEqualTo(1);
        sentences.removeIf(pool::contains);
      }
      assertThat(sentences).isEmpty();
    }
  }

  @Test
  void shufflesSentenceOrder() {
    // With six classes the first sentence should not always come from the same class.
    java.util.Set<String> firstOwners = new java.util.HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      String first = split(gen.reportFor(labels(), seed)).get(0);
      for (ClassPrompts c : gen.bank().classes()) {
        for (Polarity p : Polarity.values()) {
          if (c.pool(p).contains(first)) {
            firstOwners.add(c.name());
          }
        }
      }
    }
    assertThat(firstOwners.size()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void phantomSpellingsAndSynonymsMergeIntoOneSentence() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("pleural effusion", 0);
    m.put("Pleural_Effusion", 1); // same class: positive wins
    m.put("EFFUSION", -1);
    m.put("nodule", 1);
    m.put("Lung Lesion", null); // blank: not mentioned
    List<String> s = split(gen.reportFor(m, 7));
    assertThat(s).hasSize(2);
    assertThat(s).anyMatch(gen.bank().find("Pleural Effusion").get().positive()::contains);
    assertThat(s).anyMatch(gen.bank().find("Nodule").get().positive()::contains);
  }

  @Test
  void unknownClassUsesGenericTemplates() {
    assertThat(gen.pool("Hernia", 1)).startsWith("There is Hernia.");
    assertThat(gen.pool("Hernia", 0)).startsWith("No Hernia.");
    assertThat(gen.pool("Hernia", -1)).startsWith("Possible Hernia.");
    PromptBank bank = gen.bank();
    for (int v : new int[] {1, 0, -1}) {
      assertThat(gen.pool("Hernia", v))
          .hasSizeGreaterThanOrEqualTo(5)
          .allMatch(x -> x.contains("Hernia"));
    }
    gen.pool("Hernia", -1).forEach(x -> assertThat(bank.hasHedge(x)).as(x).isTrue());
    gen.pool("Hernia", 0).forEach(x -> assertThat(bank.hasNegation(x)).as(x).isTrue());
    String r = gen.reportFor(Map.of("Hernia", 1, "Cardiomegaly", 0), 3);
    assertThat(split(r)).hasSize(2).anyMatch(x -> x.contains("Hernia"));
  }

  @Test
  void sentencesAreSeededDistinctThenCycle() {
    List<String> five = gen.sentences("Atelectasis", -1, 9, 5);
    assertThat(five).hasSize(5).doesNotHaveDuplicates();
    assertThat(gen.sentences("atelectasis", -1, 9, 5)).isEqualTo(five);
    assertThat(gen.pool("Atelectasis", -1)).containsAll(five);
    List<String> many = gen.sentences("Atelectasis", -1, 9, 12);
    assertThat(many.subList(0, 5)).isEqualTo(five);
    assertThat(gen.sentences("Atelectasis", -1, 9, 0)).isEmpty();
  }

  @Test
  void rejectsBadInputClearly() {
    assertThatThrownBy(() -> gen.reportFor(Map.of("Edema", 2), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 (positive), 0 (negative) or -1 (uncertain)");
    assertThatThrownBy(() -> gen.reportFor(Map.of(" ", 1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gen.sentences("Edema", 1, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(gen.reportFor(Map.of(), 1)).isEmpty();
  }

  @Test
  void promptTextHasKindPrompt() {
    var t = gen.promptText(labels(), 5);
    assertThat(t.kind()).isEqualTo("prompt");
    assertThat(t.text()).isEqualTo(gen.reportFor(labels(), 5));
    assertThat(t.origin()).isEqualTo(PromptGenerator.ORIGIN);
  }
}
