package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Near-duplicate chains stop at the group cap; exact links do not. */
class DuplicateGroupsTest {
  @Test
  void aChainOfLookAlikesStopsAtTheCapAndKeepsTheSmallestKeyAsRoot() {
    Duplicates.UnionFind g = new Duplicates.UnionFind();
    int refused = 0;
    for (int i = 0; i < 40; i++) {
      if (!g.union(String.format("p%03d", i), String.format("p%03d", i + 1), 16)) {
        refused++;
      }
    }
    assertThat(g.groupSize("p000")).isEqualTo(16);
    assertThat(g.find("p015")).isEqualTo("p000");
    assertThat(g.find("p016")).isNotEqualTo("p000");
    assertThat(refused).isPositive();
    for (String m : g.members()) {
      assertThat(g.groupSize(m)).isLessThanOrEqualTo(16);
    }
    Duplicates.UnionFind exact = new Duplicates.UnionFind();
    for (int i = 0; i < 40; i++) {
      assertThat(exact.union("e" + i, "e" + (i + 1), Integer.MAX_VALUE)).isTrue();
    }
    assertThat(exact.groupSize("e0")).isEqualTo(41);
  }
}
