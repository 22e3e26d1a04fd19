package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.text.eval.ExistenceScore;
import io.medloom.text.eval.GoldSet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gold sentences (test resource gold/sentences.tsv, written independently of the labeler's
 * rules): state-by-state precision and recall per existence class on the development half (even
 * items) and the held-out half (odd items). Floors sit a little under the measured values.
 */
class GoldSetTest {
  static final double HELD_OUT_FLOOR = 0.93;
  static final double DEV_FLOOR = 0.94;

  static List<GoldSet.Item> items() throws Exception {
    try (InputStream in = GoldSetTest.class.getResourceAsStream("gold/sentences.tsv")) {
      return GoldSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void perExistencePrecisionAndRecall() throws Exception {
    List<GoldSet.Item> items = items();
    assertThat(items).hasSizeGreaterThanOrEqualTo(500);
    ExistenceScore dev = new ExistenceScore();
    ExistenceScore held = new ExistenceScore();
    for (GoldSet.Item it : items) {
      (it.heldOut() ? held : dev)
          .add(it.expected(), ChexpertLabeler.standard().label(it.sentence()));
    }
    System.out.print(held.table("gold sentences, held-out half (odd items)"));
    System.out.print(dev.table("gold sentences, development half (even items)"));
    for (String state : List.of("present", "absent", "uncertain")) {
      assertThat(held.precision(state))
          .as("held-out precision " + state)
          .isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
      assertThat(held.recall(state))
          .as("held-out recall " + state)
          .isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
      assertThat(dev.precision(state))
          .as("dev precision " + state)
          .isGreaterThanOrEqualTo(DEV_FLOOR);
      assertThat(dev.recall(state)).as("dev recall " + state).isGreaterThanOrEqualTo(DEV_FLOOR);
    }
  }
}
