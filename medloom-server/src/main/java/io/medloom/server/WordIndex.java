package io.medloom.server;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The grid's word search answered from an index instead of a scan of every sample's texts.
 *
 * <p>The searched text of a sample is its texts (all kinds but {@code desc.full} and {@code qa})
 * joined by a space and lower-cased. Samples sharing the same text share one entry (generated
 * descriptions repeat a handful of templates across a million rows), and each word of the distinct
 * texts lists the entries it occurs in. A search keeps the meaning it always had: the query,
 * lower-cased, occurs anywhere in the text. So {@code pneum} finds "pneumonia" (a part of a word),
 * and {@code right upper zone} finds that phrase, words adjacent and in order.
 *
 * <ul>
 *   <li>A query of letters and digits only lies inside one word of any text it occurs in, so it is
 *       answered from the vocabulary alone: the entries of every word containing it.
 *   <li>Any other query (several words, punctuation) first narrows to the entries holding each of
 *       its words (the first as a word ending, the last as a word beginning, those between whole),
 *       then checks the exact text of those entries only ({@link Check}).
 * </ul>
 */
final class WordIndex {
  /** Checks which candidate entries' texts contain the needle exactly. */
  @FunctionalInterface
  interface Check {
    BitSet contains(BitSet candidates, String needle) throws SQLException;
  }

  private final int size;
  private final int[] entryOf;
  private final int entries;
  private final Map<String, int[]> entriesByWord;

  private WordIndex(int size, int[] entryOf, int entries, Map<String, int[]> entriesByWord) {
    this.size = size;
    this.entryOf = entryOf;
    this.entries = entries;
    this.entriesByWord = entriesByWord;
  }

  /** Collects distinct texts (entry numbers 0, 1, ...) and the grid positions holding each. */
  static final class Builder {
    private final int size;
    private final int[] entryOf;
    private final Map<String, IntList> byWord = new HashMap<>();
    private int entries;

    Builder(int size) {
      this.size = size;
      this.entryOf = new int[size];
      Arrays.fill(entryOf, -1);
    }

    /** Adds the next entry: its lower-cased text and the positions whose text it is. */
    Builder add(String text, int[] positions) {
      int entry = entries++;
      for (int p : positions) {
        if (p < 0 || p >= size) {
          throw new IllegalArgumentException("position outside 0.." + (size - 1) + ": " + p);
        }
        entryOf[p] = entry;
      }
      for (String w : new java.util.HashSet<>(words(text))) {
        byWord.computeIfAbsent(w, k -> new IntList()).add(entry);
      }
      return this;
    }

    WordIndex build() {
      Map<String, int[]> m = new HashMap<>(byWord.size() * 2);
      byWord.forEach((w, l) -> m.put(w, l.toArray()));
      return new WordIndex(size, entryOf, entries, m);
    }
  }

  /** Distinct words in the index (for the log line at start-up). */
  int words() {
    return entriesByWord.size();
  }

  /** Distinct texts in the index. */
  int entries() {
    return entries;
  }

  /** The grid positions whose text contains {@code query} (lower-cased), as a bit set. */
  BitSet matching(String query, Check check) throws SQLException {
    String needle = query.toLowerCase(Locale.ROOT);
    List<Token> tokens = tokens(needle);
    BitSet candidates = new BitSet(entries);
    candidates.set(0, entries);
    for (Token t : tokens) {
      candidates.and(entriesWith(t));
    }
    boolean wholeWord = tokens.size() == 1 && tokens.get(0).text.length() == needle.length();
    if (!wholeWord && !candidates.isEmpty()) {
      candidates = check.contains(candidates, needle);
    }
    BitSet out = new BitSet(size);
    if (candidates.isEmpty()) {
      return out;
    }
    for (int p = 0; p < size; p++) {
      int e = entryOf[p];
      if (e >= 0 && candidates.get(e)) {
        out.set(p);
      }
    }
    return out;
  }

  /** Entries with a word that can hold this part of the query where the query puts it. */
  private BitSet entriesWith(Token t) {
    BitSet out = new BitSet(entries);
    int[] exact = entriesByWord.get(t.text);
    if (t.wordStart && t.wordEnd) {
      if (exact != null) {
        set(out, exact);
      }
      return out;
    }
    for (Map.Entry<String, int[]> e : entriesByWord.entrySet()) {
      String w = e.getKey();
      boolean fits =
          t.wordStart ? w.startsWith(t.text) : t.wordEnd ? w.endsWith(t.text) : w.contains(t.text);
      if (fits) {
        set(out, e.getValue());
      }
    }
    return out;
  }

  private static void set(BitSet bits, int[] values) {
    for (int v : values) {
      bits.set(v);
    }
  }

  /**
   * A run of letters and digits in the query; {@code wordStart} when the query has a separator
   * before it (so the text's word must begin there), {@code wordEnd} when one follows it.
   */
  private record Token(String text, boolean wordStart, boolean wordEnd) {}

  private static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (!isWordChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < s.length() && isWordChar(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      out.add(new Token(s.substring(start, i), start > 0, i < s.length()));
    }
    return out;
  }

  /** The words (maximal runs of letters and digits) of a text. */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (Token t : tokens(s)) {
      out.add(t.text);
    }
    return out;
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp);
  }

  /** A growable int array (the entries of one word, ascending as entries are added in order). */
  private static final class IntList {
    private int[] a = new int[4];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
