package io.medloom.learn.text;

import static io.medloom.core.Checks.checkArgument;

import ai.djl.modality.nlp.bert.BertFullTokenizer;
import ai.djl.modality.nlp.preprocess.TextProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains a WordPiece vocabulary on a corpus, the way BERT's vocabularies are made: words are split
 * into characters (a word's first character as is, the others as {@code ##c}), then the adjacent
 * pair with the best WordPiece score {@code count(ab) / (count(a) * count(b))} is merged, again and
 * again, until the vocabulary is full or no pair occurs {@link #MIN_PAIR_COUNT} times. Words are
 * the basic tokens of DJL's {@link BertFullTokenizer} (lower case, accents stripped, punctuation
 * split), so the tokenizer that later reads the vocabulary splits text exactly as training did.
 *
 * <p>Deterministic: counts live in sorted maps and ties go to the lexicographically smaller merged
 * piece, so the same texts always give the same vocabulary, whatever order they came in.
 */
public final class WordPiece {
  public static final String PAD = "[PAD]";
  public static final String UNK = "[UNK]";
  public static final String CLS = "[CLS]";
  public static final String SEP = "[SEP]";
  public static final String MASK = "[MASK]";
  public static final List<String> SPECIAL = List.of(PAD, UNK, CLS, SEP, MASK);

  /** A pair seen once is noise, not a piece worth a vocabulary slot. */
  static final int MIN_PAIR_COUNT = 2;

  private static final List<TextProcessor> BASIC = BertFullTokenizer.getPreprocessors(true);

  private WordPiece() {}

  /** The basic (pre-WordPiece) tokens of a text, as {@link BertFullTokenizer} makes them. */
  public static List<String> basicTokens(String text) {
    List<String> tokens = List.of(text == null ? "" : text);
    for (TextProcessor p : BASIC) {
      tokens = p.preprocess(tokens);
    }
    List<String> out = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      if (!t.isBlank()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The vocabulary, index order: the special tokens, the characters (sorted), then the merged
   * pieces in the order they were made.
   *
   * @param maxSize the vocabulary's size limit (at least the special tokens and the alphabet fit)
   */
  public static List<String> train(Iterable<String> texts, int maxSize) {
    checkArgument(maxSize > SPECIAL.size(), "vocabulary size must exceed %s", SPECIAL.size());
    TreeMap<String, Integer> wordCounts = new TreeMap<>();
    for (String text : texts) {
      for (String w : basicTokens(text)) {
        wordCounts.merge(w, 1, Integer::sum);
      }
    }
    List<List<String>> words = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    TreeSet<String> alphabet = new TreeSet<>();
    for (var e : wordCounts.entrySet()) {
      List<String> symbols = new ArrayList<>();
      int[] cps = e.getKey().codePoints().toArray();
      for (int i = 0; i < cps.length; i++) {
        String c = new String(cps, i, 1);
        symbols.add(i == 0 ? c : "##" + c);
      }
      alphabet.addAll(symbols);
      words.add(symbols);
      counts.add(e.getValue());
    }
    List<String> vocab = new ArrayList<>(SPECIAL);
    vocab.addAll(alphabet);
    java.util.Set<String> known = new java.util.HashSet<>(vocab);
    while (vocab.size() < maxSize) {
      Map<String, Long> symbolCounts = new HashMap<>();
      TreeMap<String, long[]> pairCounts = new TreeMap<>(); // "a b" -> {count}
      for (int w = 0; w < words.size(); w++) {
        List<String> s = words.get(w);
        long n = counts.get(w);
        for (int i = 0; i < s.size(); i++) {
          symbolCounts.merge(s.get(i), n, Long::sum);
          if (i + 1 < s.size()) {
            pairCounts.computeIfAbsent(s.get(i) + " " + s.get(i + 1), k -> new long[1])[0] += n;
          }
        }
      }
      String bestA = null;
      String bestB = null;
      String bestMerged = null;
      double bestScore = -1;
      for (var e : pairCounts.entrySet()) {
        long pc = e.getValue()[0];
        if (pc < MIN_PAIR_COUNT) {
          continue;
        }
        int space = e.getKey().indexOf(' ');
        String a = e.getKey().substring(0, space);
        String b = e.getKey().substring(space + 1);
        String merged = merge(a, b);
        double score = pc / ((double) symbolCounts.get(a) * symbolCounts.get(b));
        if (score > bestScore || (score == bestScore && merged.compareTo(bestMerged) < 0)) {
          bestScore = score;
          bestA = a;
          bestB = b;
          bestMerged = merged;
        }
      }
      if (bestMerged == null) {
        break;
      }
      for (List<String> s : words) {
        for (int i = 0; i + 1 < s.size(); i++) {
          if (s.get(i).equals(bestA) && s.get(i + 1).equals(bestB)) {
            s.set(i, bestMerged);
            s.remove(i + 1);
          }
        }
      }
      if (known.add(bestMerged)) {
        vocab.add(bestMerged);
      }
    }
    return List.copyOf(vocab);
  }

  static String merge(String a, String b) {
    return a + (b.startsWith("##") ? b.substring(2) : b);
  }
}
