package io.medloom.learn.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.learn.text.TextTokenizer;
import io.medloom.learn.text.WordPiece;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextMarksTest {
  @Test
  void deniedFindingWordsGetTheAbsentPrefixAndAssertedOnesStayAsWritten() {
    String denied = TextMarks.NEGATION.apply("No pleural effusion.");
    String asserted = TextMarks.NEGATION.apply("Small left pleural effusion.");
    assertThat(denied).contains("negeffusion").startsWith("No ");
    assertThat(asserted).isEqualTo("Small left pleural effusion.");
    // Two denied findings in one sentence are both marked; the cue word itself is left alone.
    String both = TextMarks.NEGATION.apply("No pneumothorax or pleural effusion.");
    assertThat(both).contains("negpneumothorax").contains("negeffusion");
  }

  @Test
  void hedgedFindingsGetTheUncertainPrefix() {
    String s =
        TextMarks.NEGATION.apply(
            "Blunting of the costophrenic angle may represent a small effusion.");
    assertThat(s).contains("unceffusion").doesNotContain("negeffusion");
  }

  @Test
  void noneAndTextsWithoutFindingsAreUnchanged() {
    assertThat(TextMarks.NONE.apply("No pleural effusion.")).isEqualTo("No pleural effusion.");
    assertThat(TextMarks.NEGATION.apply("Comparison is made with the prior study."))
        .isEqualTo("Comparison is made with the prior study.");
    // A span that covers function words marks only the words that carry the finding.
    assertThat(TextMarks.NEGATION.apply("The heart is normal in size."))
        .isEqualTo("The negheart is negnormal in negsize.");
    assertThat(TextMarks.NEGATION.apply("")).isEmpty();
    assertThat(TextMarks.NEGATION.apply(null)).isNull();
  }

  @Test
  void parsesWireNamesAndOldModelsReadAsNone() {
    assertThat(TextMarks.parse("Negation")).isEqualTo(TextMarks.NEGATION);
    assertThat(TextMarks.parse(null)).isEqualTo(TextMarks.NONE);
    assertThat(TextMarks.NEGATION.wireName()).isEqualTo("negation");
    assertThatThrownBy(() -> TextMarks.parse("negex"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'negex'");
  }

  @Test
  void aMarkedTokenizerGivesDeniedAndAssertedMentionsDifferentPieces() {
    List<String> corpus =
        List.of(
            "No pleural effusion.",
            "No pleural effusion or pneumothorax.",
            "Small left pleural effusion.",
            "Large right pleural effusion.",
            "No pleural effusion.",
            "Small left pleural effusion.");
    List<String> marked = corpus.stream().map(TextMarks.NEGATION).toList();
    TextTokenizer t = new TextTokenizer(WordPiece.train(marked, 200), 16, TextMarks.NEGATION);
    List<String> denied = t.pieces("No pleural effusion.");
    List<String> asserted = t.pieces("Small left pleural effusion.");
    assertThat(denied).doesNotContain("effusion");
    assertThat(asserted).contains("effusion");
    assertThat(String.join("", denied)).contains("neg");
    // withRewrite keeps the vocabulary.
    assertThat(t.withRewrite(TextMarks.NONE).pieces("No pleural effusion.")).contains("effusion");
  }
}
