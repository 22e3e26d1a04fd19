package io.medloom.learn.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.learn.meta.Episodes.Candidate;
import io.medloom.learn.meta.Episodes.Episode;
import io.medloom.learn.meta.Episodes.Item;
import io.medloom.learn.meta.Episodes.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodesTest {
  @TempDir Path tmp;

  /** Four classes, 30 patients each with 1 to 3 rows; some patients have rows of two classes. */
  static List<Candidate> pool() {
    Random rnd = new Random(11);
    List<Candidate> out = new ArrayList<>();
    int id = 0;
    for (int p = 0; p < 120; p++) {
      int label = p % 4;
      int rows = 1 + rnd.nextInt(3);
      for (int r = 0; r < rows; r++) {
        int l = r == 2 ? (label + 1) % 4 : label;
        out.add(new Candidate(String.format("s%05d", id++), "patient" + p, l));
      }
    }
    return out;
  }

  @Test
  void episodesAreBalancedDisjointAndPatientDisjoint() {
    Spec spec = new Spec(3, 1, 10, 5, 50, 42);
    List<Candidate> pool = pool();
    Map<String, Candidate> byId = new HashMap<>();
    pool.forEach(c -> byId.put(c.id(), c));
    Set<Integer> shotsSeen = new HashSet<>();
    for (Episode e : Episodes.sample(pool, spec)) {
      assertThat(e.classes()).hasSize(3).doesNotHaveDuplicates();
      assertThat(e.shots()).isBetween(1, 10);
      shotsSeen.add(e.shots());
      for (int c : e.classes()) {
        assertThat(Episodes.counts(e.support())).containsEntry(c, (long) e.shots());
        assertThat(Episodes.counts(e.query())).containsEntry(c, 5L);
      }
      assertThat(e.support()).hasSize(3 * e.shots());
      assertThat(e.query()).hasSize(15);
      Set<String> supportIds = new HashSet<>();
      Set<String> supportPatients = new HashSet<>();
      for (Item i : e.support()) {
        supportIds.add(i.id());
        supportPatients.add(byId.get(i.id()).patientKey());
        assertThat(byId.get(i.id()).label()).isEqualTo(i.label());
      }
      for (Item i : e.query()) {
        assertThat(supportIds).doesNotContain(i.id());
        assertThat(supportPatients).doesNotContain(byId.get(i.id()).patientKey());
        assertThat(byId.get(i.id()).label()).isEqualTo(i.label());
      }
      assertThat(e.query().stream().map(Item::id).distinct()).hasSize(15);
    }
    assertThat(shotsSeen.size()).isGreaterThan(3); // the range is used, not one K
  }

  @Test
  void theSameSeedGivesTheSameEpisodesWhateverTheInputOrder() throws Exception {
    List<Candidate> pool = pool();
    List<Episode> a = Episodes.sample(pool, new Spec(2, 5, 5, 10, 20, 7));
    List<Candidate> shuffled = new ArrayList<>(pool);
    Collections.shuffle(shuffled, new Random(1));
    assertThat(Episodes.sample(shuffled, new Spec(2, 5, 5, 10, 20, 7))).isEqualTo(a);
    // Episode k does not depend on how many are drawn.
    assertThat(Episodes.sample(pool, new Spec(2, 5, 5, 10, 5, 7))).isEqualTo(a.subList(0, 5));
    assertThat(Episodes.sample(pool, new Spec(2, 5, 5, 10, 20, 8))).isNotEqualTo(a);

    Episodes.EpisodeSet set =
        new Episodes.EpisodeSet("d", "f", "t", "medloom", "test", new Spec(2, 5, 5, 10, 20, 7), a);
    Path file = tmp.resolve("episodes.json");
    Episodes.save(set, file);
    assertThat(Episodes.load(file)).isEqualTo(set);
  }

  @Test
  void tooFewPatientsIsAClearError() {
    assertThatThrownBy(() -> Episodes.sample(pool(), new Spec(3, 1, 40, 15, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patients per class");
    assertThatThrownBy(() -> new Spec(1, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
