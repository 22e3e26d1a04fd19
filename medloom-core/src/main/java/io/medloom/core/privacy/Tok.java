package io.medloom.core.privacy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A word of a text for {@link NameFinder}: letters and digits, with inner apostrophes and hyphens.
 */
record Tok(int start, int end, String text, String key, boolean alpha) {
  boolean cap() {
    return Character.isUpperCase(text.charAt(0)) && hasLower();
  }

  boolean upper() {
    return alpha && !hasLower() && Character.isUpperCase(text.charAt(0));
  }

  boolean lower() {
    return Character.isLowerCase(text.charAt(0));
  }

  boolean initial() {
    return alpha && text.length() == 1 && Character.isUpperCase(text.charAt(0));
  }

  private boolean hasLower() {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static String gap(String text, List<Tok> toks, int k) {
    return text.substring(toks.get(k - 1).end(), toks.get(k).start());
  }

  static List<Tok> tokenize(String text) {
    List<Tok> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int s = i;
      boolean alpha = true;
      while (i < n) {
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          alpha &= Character.isLetter(c);
          i++;
        } else if ((c == '\'' || c == '’' || c == '-')
            && i + 1 < n
            && Character.isLetterOrDigit(text.charAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      int e = i;
      String word = text.substring(s, e);
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.endsWith("'s") || lower.endsWith("’s")) {
        e -= 2; // the possessive stays in the text: "Dr. [NAME]'s team"
        lower = lower.substring(0, lower.length() - 2);
        word = word.substring(0, word.length() - 2);
      }
      if (e > s) {
        out.add(new Tok(s, e, word, key(lower), alpha));
      }
    }
    return out;
  }

  /** Lower case without apostrophes or accents, as the word lists spell names ("obrien"). */
  static String key(String lower) {
    String k =
        lower.indexOf('\'') >= 0 || lower.indexOf('’') >= 0 ? lower.replaceAll("['’]", "") : lower;
    for (int i = 0; i < k.length(); i++) {
      if (k.charAt(i) > 127) {
        return Normalizer.normalize(k, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
      }
    }
    return k;
  }
}
