package io.medloom.learn.text;

import static io.medloom.core.Checks.checkArgument;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.Vocabulary;
import ai.djl.modality.nlp.bert.BertFullTokenizer;
import io.medloom.learn.model.ModelFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A WordPiece vocabulary read through DJL's {@link BertFullTokenizer} (pure Java, no native
 * library): texts become {@code [CLS] pieces… [SEP]} ids, truncated and padded to a fixed length,
 * with a mask of the real tokens. The vocabulary is a BERT {@code vocab.txt}, one piece per line,
 * the line number its id, saved beside the model.
 */
public final class TextTokenizer {
  public static final String FILE = "vocab.txt";

  private final List<String> pieces;
  private final Vocabulary vocabulary;
  private final BertFullTokenizer tokenizer;
  private final int maxLength;
  private final long pad;
  private final long cls;
  private final long sep;
  private final UnaryOperator<String> rewrite;

  /**
   * @param pieces the vocabulary in id order, starting with {@link WordPiece#SPECIAL}
   * @param maxLength tokens per text including {@code [CLS]} and {@code [SEP]}
   */
  public TextTokenizer(List<String> pieces, int maxLength) {
    this(pieces, maxLength, UnaryOperator.identity());
  }

  /**
   * @param rewrite applied to every text before it is split (e.g. negation marks); the vocabulary
   *     must have been trained on texts rewritten the same way
   */
  public TextTokenizer(List<String> pieces, int maxLength, UnaryOperator<String> rewrite) {
    this.rewrite = java.util.Objects.requireNonNull(rewrite, "rewrite");
    checkArgument(maxLength >= 3, "max tokens must be >= 3: %s", maxLength);
    checkArgument(
        pieces.size() > WordPiece.SPECIAL.size()
            && pieces.subList(0, WordPiece.SPECIAL.size()).equals(WordPiece.SPECIAL),
        "a vocabulary starts with %s",
        WordPiece.SPECIAL);
    this.pieces = List.copyOf(pieces);
    this.vocabulary = new DefaultVocabulary(this.pieces);
    this.tokenizer = new BertFullTokenizer(vocabulary, true);
    this.maxLength = maxLength;
    this.pad = vocabulary.getIndex(WordPiece.PAD);
    this.cls = vocabulary.getIndex(WordPiece.CLS);
    this.sep = vocabulary.getIndex(WordPiece.SEP);
    // DJL's vocabulary must number pieces by their line, or saved weights would not match.
    for (int i = 0; i < this.pieces.size(); i++) {
      if (vocabulary.getIndex(this.pieces.get(i)) != i) {
        throw new IllegalArgumentException(
            "vocabulary piece '" + this.pieces.get(i) + "' is listed twice");
      }
    }
  }

  /** Reads {@code vocab.txt} of a model folder. */
  public static TextTokenizer load(Path vocabFile, int maxLength) throws IOException {
    if (!Files.isRegularFile(vocabFile)) {
      throw new IllegalArgumentException(vocabFile + " is missing: the model has no vocabulary");
    }
    return new TextTokenizer(Files.readAllLines(vocabFile, StandardCharsets.UTF_8), maxLength);
  }

  /** This vocabulary with texts rewritten by {@code rewrite} before they are split. */
  public TextTokenizer withRewrite(UnaryOperator<String> rewrite) {
    return new TextTokenizer(pieces, maxLength, rewrite);
  }

  /** Writes the vocabulary (atomically). */
  public void save(Path vocabFile) throws IOException {
    ModelFolder.writeAtomically(vocabFile, String.join("\n", pieces) + "\n");
  }

  public int vocabularySize() {
    return pieces.size();
  }

  public int maxLength() {
    return maxLength;
  }

  /** The WordPiece pieces of a text, rewritten first (no special tokens, no truncation). */
  public List<String> pieces(String text) {
    String t = text == null ? "" : rewrite.apply(text);
    return tokenizer.tokenize(t == null ? "" : t);
  }

  /**
   * Ids of {@code n} texts, {@code [n, maxLength]} row after row, and the mask (1 for real tokens,
   * 0 for padding) in {@code mask}.
   */
  public long[] encode(List<String> texts, float[] mask) {
    int n = texts.size();
    checkArgument(mask.length == n * maxLength, "mask needs %s entries", n * maxLength);
    long[] ids = new long[n * maxLength];
    for (int r = 0; r < n; r++) {
      int at = r * maxLength;
      ids[at] = cls;
      int k = 1;
      for (String p : pieces(texts.get(r))) {
        if (k >= maxLength - 1) {
          break;
        }
        ids[at + k++] = vocabulary.getIndex(p);
      }
      ids[at + k++] = sep;
      for (int j = 0; j < maxLength; j++) {
        mask[at + j] = j < k ? 1f : 0f;
        if (j >= k) {
          ids[at + j] = pad;
        }
      }
    }
    return ids;
  }
}
