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

  /** Lower-cased word tokens of a lexicon phrase, split like report text. */
  static List<String> words(String phrase) {
    List<String> r = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= phrase.length(); i++) {
      char c = i < phrase.length() ? phrase.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      } else if (sb.length() > 0) {
        r.add(sb.toString());
        sb.setLength(0);
      }
    }
    return r;
  }
}
