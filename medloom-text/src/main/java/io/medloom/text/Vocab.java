package io.medloom.text;

import java.util.Arrays;

/** Open-addressing word table: word chars -> id; lookups hash a region of text without copying. */
final class Vocab {
  private char[][] words = new char[1024][];
  private int[] table = new int[4096];
  private int count = Lexicon.FIRST_WORD;

  Vocab() {
    Arrays.fill(table, -1);
  }

  /** One more than the largest id handed out. */
  int size() {
    return count;
  }

  int intern(String w) {
    // one char array per word, hashed in place: the lexicons intern some 10,000 words once per
    // process, in the interpreter, where a call per char (charAt, toLowerCase) is what costs
    char[] cs = w.toCharArray();
    int h = hash(cs);
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        if (count >= words.length) {
          words = Arrays.copyOf(words, words.length * 2);
        }
        words[count] = cs;
        table[i] = count;
        if (++count * 2 > table.length) {
          rehash();
        }
        return count - 1;
      }
      if (Arrays.equals(words[id], cs)) {
        return id;
      }
    }
  }

  private void rehash() {
    int[] nt = new int[table.length * 2];
    Arrays.fill(nt, -1);
    int mask = nt.length - 1;
    for (int id = Lexicon.FIRST_WORD; id < count; id++) {
      char[] w = words[id];
      int h = hash(w);
      int i = h & mask;
      while (nt[i] >= 0) {
        i = (i + 1) & mask;
      }
      nt[i] = id;
    }
    table = nt;
  }

  /** {@link #hash(CharSequence, int, int)} of the whole array, with an ASCII fast path. */
  private static int hash(char[] w) {
    int h = 0;
    for (char c : w) {
      h = 31 * h + (c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : Character.toLowerCase(c));
    }
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  static int hash(CharSequence s, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + Character.toLowerCase(s.charAt(i));
    }
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  /**
   * Id of the word low[from, to), already lower-cased by the caller, or UNK: the scanner's path,
   * with the 31-polynomial of those chars already taken.
   */
  int lookupLower(char[] low, int from, int to, int rawHash) {
    int h = rawHash ^ (rawHash >>> 16) * 0x45d9f3b;
    int mask = table.length - 1;
    int len = to - from;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        return Lexicon.UNK;
      }
      char[] w = words[id];
      if (w.length == len) {
        int k = 0;
        while (k < len && w[k] == low[from + k]) {
          k++;
        }
        if (k == len) {
          return id;
        }
      }
    }
  }

  /** Id of the lower-cased word text[from, to), or UNK. */
  int lookup(CharSequence s, int from, int to) {
    int h = hash(s, from, to);
    int mask = table.length - 1;
    int len = to - from;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        return Lexicon.UNK;
      }
      char[] w = words[id];
      if (w.length == len) {
        boolean eq = true;
        for (int k = 0; k < len; k++) {
          if (w[k] != Character.toLowerCase(s.charAt(from + k))) {
            eq = false;
            break;
          }
        }
        if (eq) {
          return id;
        }
      }
    }
  }
}
