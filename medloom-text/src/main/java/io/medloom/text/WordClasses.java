package io.medloom.text;

import java.util.Arrays;

/**
 * The word classes of rules.json "syntax" that the structural scopes ({@link Scopes}) and carrier
 * qualifiers ({@link Carriers}) read: one bit set per class, indexed by token id.
 */
final class WordClasses {
  static final int W_CONJ = 1;
  static final int W_ALT = 2;
  static final int W_VERB = 4;
  static final int W_EVID = 8;
  static final int W_BREAK = 16;
  static final int W_PREFIX = 32;
  static final int W_FSTOP = 64;
  static final int W_PREP = 128;
  static final int W_FILLER = 256;
  static final int W_SIZE = 512;
  static final int W_EXCEPT = 1024;
  static final int W_SKIP = 2048;
  static final int W_PERSIST = 4096;

  private static final String[] NAMES = {
    "conjunctions",
    "alternatives",
    "verbs",
    "evidential",
    "listBreakers",
    "predicatePrefix",
    "forwardStops",
    "prepositions",
    "listFiller",
    "sizeWords",
    "exceptions",
    "triggerAdverbs",
    "persistence"
  };
  private static final int[] BITS = {
    W_CONJ, W_ALT, W_VERB, W_EVID, W_BREAK, W_PREFIX, W_FSTOP, W_PREP, W_FILLER, W_SIZE, W_EXCEPT,
    W_SKIP, W_PERSIST
  };

  private WordClasses() {}

  /** Class bits by token id; the class words are interned into {@code vocab}. */
  static int[] load(JsonTree syntax, Vocab vocab) {
    int[] cls = new int[vocab.size()];
    for (int k = 0; k < NAMES.length; k++) {
      JsonTree list = syntax.get(NAMES[k]);
      if (list == null) {
        throw new IllegalStateException("rules.json syntax: missing word class " + NAMES[k]);
      }
      for (JsonTree w : list) {
        for (String word : Phrases.words(w.asText())) {
          int id = vocab.intern(word);
          if (id >= cls.length) {
            cls = Arrays.copyOf(cls, vocab.size() + 64);
          }
          cls[id] |= BITS[k];
        }
      }
    }
    return Arrays.copyOf(cls, vocab.size());
  }
}
