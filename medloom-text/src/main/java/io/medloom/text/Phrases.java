package io.medloom.text;

import java.util.ArrayList;
import java.util.List;

/** The text of lexicon phrases: alternatives expanded, words split as report text is. */
final class Phrases {
  private Phrases() {}

  /**
   * A phrase with alternatives, "on {the|a|} {prior|old} {ct|film}", as its plain phrases (an empty
   * alternative drops the slot). Phrases without braces are returned as they are.
   */
  static List<String> expand(String phrase) {
    if (phrase.indexOf('{') < 0) {
      return List.of(phrase);
    }
    List<String> out = new ArrayList<>();
    for (String p : alternatives(phrase)) {
      out.add(String.join(" ", words(p))); // an empty slot leaves no double blank
    }
    return out;
  }

  private static List<String> alternatives(String phrase) {
    int open = phrase.indexOf('{');
    if (open < 0) {
      return List.of(phrase);
    }
    int close = phrase.indexOf('}', open);
    if (close < 0) {
      throw new IllegalStateException("rules.json: unclosed '{' in " + phrase);
    }
    List<String> out = new ArrayList<>();
    for (String alt : phrase.substring(open + 1, close).split("\\|", -1)) {
      out.addAll(alternatives(phrase.substring(0, open) + alt + phrase.substring(close + 1)));
    }
    return out;
  }

  /**
   * Lower-cased word tokens of a lexicon phrase, split like report text (letters and digits as
   * {@link Character} defines them). Runs once per phrase at start-up, mostly interpreted, so ASCII
   * is tested inline and a word already in lower case is copied whole.
   */
  static List<String> words(String phrase) {
    List<String> r = new ArrayList<>();
    char[] cs = phrase.toCharArray();
    int start = -1;
    boolean lower = true;
    for (int i = 0; i <= cs.length; i++) {
      char c = i < cs.length ? cs[i] : ' ';
      boolean word =
          c < 128
              ? (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')
              : Character.isLetterOrDigit(c);
      if (word) {
        if (start < 0) {
          start = i;
          lower = true;
        }
        lower &= c < 128 ? c < 'A' || c > 'Z' : Character.toLowerCase(c) == c;
      } else if (start >= 0) {
        r.add(lower ? new String(cs, start, i - start) : lowerCase(cs, start, i));
        start = -1;
      }
    }
    return r;
  }

  private static String lowerCase(char[] cs, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      sb.append(Character.toLowerCase(cs[i]));
    }
    return sb.toString();
  }
}
