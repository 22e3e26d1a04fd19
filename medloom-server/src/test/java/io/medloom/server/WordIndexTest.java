package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordIndexTest {
  private static final String[] TEXTS = {
    "small right upper zone nodule. no effusion",
    "right-sided pleural effusion, moderate",
    "upper zone clear; pneumonia unlikely",
    "pneumothorax at the right apex",
    "no pneumonia",
    "ünïcode wörds, zone 3b",
  };

  /** Grid positions 0..11: two per text, one per text in reverse order, position 11 empty. */
  private static final int[][] POSITIONS = {{0, 6}, {1, 7}, {2, 8}, {3, 9}, {4, 10}, {5}};

  private static WordIndex index() {
    WordIndex.Builder b = new WordIndex.Builder(12);
    for (int e = 0; e < TEXTS.length; e++) {
      b.add(TEXTS[e], POSITIONS[e]);
    }
    return b.build();
  }

  /** The exact check the server does in SQL, here over the same texts. */
  private static BitSet check(BitSet candidates, String needle) {
    BitSet out = new BitSet();
    candidates.stream().filter(e -> TEXTS[e].contains(needle)).forEach(out::set);
    return out;
  }

  private static BitSet scan(String query) {
    BitSet out = new BitSet();
    for (int e = 0; e < TEXTS.length; e++) {
      if (TEXTS[e].contains(query.toLowerCase(java.util.Locale.ROOT))) {
        for (int p : POSITIONS[e]) {
          out.set(p);
        }
      }
    }
    return out;
  }

  @Test
  void answersWhatAScanOfTheTextsAnswers() throws Exception {
    WordIndex w = index();
    assertThat(w.entries()).isEqualTo(TEXTS.length);
    List<String> queries =
        new ArrayList<>(
            List.of(
                "pneumonia",
                "PNEUM",
                "neum",
                "thorax",
                "right upper zone",
                "right upper",
                "ight upp",
                "upper zone nod",
                "zone",
                "effusion,",
                ", moderate",
                "right-sided",
                "t-s",
                "no ",
                " no",
                ".",
                "; pneumonia",
                "zone 3",
                "wörds",
                "ÜNÏ",
                "absent",
                "upper  zone",
                "3b"));
    // Every substring of every text is a query with at least one match.
    Random rnd = new Random(7);
    for (int k = 0; k < 300; k++) {
      String t = TEXTS[rnd.nextInt(TEXTS.length)];
      int a = rnd.nextInt(t.length());
      queries.add(t.substring(a, a + 1 + rnd.nextInt(Math.min(12, t.length() - a))));
    }
    for (String q : queries) {
      if (q.isBlank()) {
        continue;
      }
      assertThat(w.matching(q, WordIndexTest::check)).as(q).isEqualTo(scan(q));
    }
  }

  @Test
  void aSingleWordNeedsNoTextCheck() throws Exception {
    WordIndex w = index();
    WordIndex.Check refuse =
        (c, n) -> {
          throw new AssertionError("checked texts for a one-word query: " + n);
        };
    assertThat(w.matching("pneumo", refuse).stream().toArray()).containsExactly(2, 3, 4, 8, 9, 10);
    assertThat(w.matching("zone", refuse).stream().toArray()).containsExactly(0, 2, 5, 6, 8);
    assertThat(w.matching("nowhere", refuse).isEmpty()).isTrue();
  }

  @Test
  void wordsAreRunsOfLettersAndDigits() {
    assertThat(WordIndex.words("right-sided, 3b zone."))
        .containsExactly("right", "sided", "3b", "zone");
  }
}
