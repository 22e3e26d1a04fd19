package io.medloom.learn.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPieceTest {
  private static final List<String> CORPUS =
      List.of(
          "No pleural effusion. The heart is enlarged.",
          "Small left pleural effusion; cardiomegaly.",
          "The lungs are clear. No pneumothorax.",
          "Mild cardiomegaly. No focal consolidation.",
          "Right pleural effusion with adjacent atelectasis.",
          "The heart size is normal. The lungs are clear.");

  @Test
  void vocabularyIsDeterministicAndFrequentWordsBecomeWholePieces() {
    List<String> a = WordPiece.train(CORPUS, 400);
    List<String> shuffled = new ArrayList<>(CORPUS);
    Collections.reverse(shuffled);
    assertThat(WordPiece.train(shuffled, 400)).isEqualTo(a);
    assertThat(a.subList(0, 5)).isEqualTo(WordPiece.SPECIAL);
    assertThat(a).contains("pleural", "effusion", "cardiomegaly", "the", ".", "##s");
    assertThat(a).doesNotHaveDuplicates();
    // A small budget keeps the alphabet and stops merging.
    List<String> small = WordPiece.train(CORPUS, 40);
    assertThat(small.size()).isLessThanOrEqualTo(Math.max(40, a.indexOf("pleural")));
    assertThat(small).contains("c", "##a");
  }

  @Test
  void tokenizerReadsTheVocabularyThroughDjl(@TempDir Path tmp) throws Exception {
    TextTokenizer tok = new TextTokenizer(WordPiece.train(CORPUS, 400), 8);
    // "!" never occurs in the corpus, so it has no piece.
    assertThat(tok.pieces("Pleural effusions!"))
        .containsExactly("pleural", "effusion", "##s", WordPiece.UNK);
    Path file = tmp.resolve(TextTokenizer.FILE);
    tok.save(file);
    TextTokenizer back = TextTokenizer.load(file, 8);
    float[] mask = new float[16];
    long[] ids = back.encode(List.of("pleural effusion", "the lungs are clear . no heart"), mask);
    long cls = 2;
    long sep = 3;
    assertThat(ids[0]).isEqualTo(cls);
    assertThat(ids[3]).isEqualTo(sep);
    assertThat(ids[4]).isZero(); // [PAD]
    assertThat(mask).startsWith(1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f);
    // Truncated to 8: [CLS] + 6 pieces + [SEP], no padding.
    assertThat(ids[15]).isEqualTo(sep);
    assertThat(mask[15]).isEqualTo(1f);
    // An unseen character is [UNK] (id 1), not an error.
    float[] m1 = new float[8];
    assertThat(back.encode(List.of("\u2603"), m1)[1]).isEqualTo(1L);
  }
}
