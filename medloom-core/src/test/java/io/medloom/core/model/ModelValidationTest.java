package io.medloom.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  @Test
  void taskRefusesGapsInClassIndicesShowingThem() {
    assertThatThrownBy(() -> new Task("t", TaskTarget.MULTICLASS, Map.of(0, "a", 2, "c")))
        .hasMessageContaining("[0, 2]");
  }

  @Test
  void binaryTaskNeedsTwoClasses() {
    assertThatThrownBy(() -> Task.of("t", TaskTarget.BINARY, List.of("a", "b", "c")))
        .hasMessageContaining("exactly 2");
  }

  @Test
  void multilabelLabelSortsIndicesAndNamesThem() {
    Task t = Task.of("f", TaskTarget.MULTILABEL, List.of("a", "b", "c"));
    Label l = Label.multi(t, List.of("c", "a"));
    assertThat(l.indices()).containsExactly(0, 2);
    assertThat(l.name()).isEqualTo("a, c");
    assertThatThrownBy(() -> Label.multi(t, List.of("zzz"))).hasMessageContaining("zzz");
  }

  @Test
  void boxAndRoiShowTheBadValue() {
    assertThatThrownBy(() -> new Box(5, 0, 5, 3)).hasMessageContaining("[5,0,5,3]");
    assertThatThrownBy(() -> Text.of("note", "x", "source")).hasMessageContaining("'note'");
  }

  @Test
  void countsMustReconcile() {
    assertThatThrownBy(() -> new Counts(10, 7, 2, 7)).hasMessageContaining("read 10");
    assertThat(new Counts(3, 2, 1, 2).plus(new Counts(1, 1, 0, 1)))
        .isEqualTo(new Counts(4, 3, 1, 3));
  }
}
