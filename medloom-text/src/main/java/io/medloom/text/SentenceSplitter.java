package io.medloom.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences at '.', '!' and '?' and at blank lines / list items on a new line. A
 * period does not end a sentence between digits ("5.5 cm"), after a known abbreviation ("Dr.",
 * "vs.", "approx."), after a single letter ("e.g.", "i.e.", initials) or after a list number at the
 * start of a sentence ("1."); hyphenated levels ("T8-T10") and de-identification placeholders
 * ("XXXX") are ordinary words. A period directly followed by an upper-case letter ("apex.There")
 * ends a sentence. Sentences are trimmed; offsets point into the given text.
 */
public final class SentenceSplitter {
  private SentenceSplitter() {}

  private static final String[] ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "vs", "approx", "appr", "st", "fig", "cf", "al", "resp", "pt",
    "pts", "hx", "dx", "sx", "no", "nos", "incl", "ca", "esp", "ant", "post", "lat", "sr", "jr",
    "mt", "bilat", "mm", "ie", "eg", "viz", "ref", "dept"
  };

  /** Splits {@code text}; null gives an empty list. */
  public static List<Sentence> split(String text) {
    List<Sentence> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    IntList b = new IntList(16);
    boundaries(text.toCharArray(), 0, text.length(), b);
    for (int i = 0; i < b.size; i += 2) {
      out.add(new Sentence(i / 2, text.substring(b.a[i], b.a[i + 1]), b.a[i], b.a[i + 1]));
    }
    return out;
  }

  /** Appends (start, end) pairs of trimmed, non-empty sentences in [from, to). Allocation-free. */
  static void boundaries(char[] t, int from, int to, IntList out) {
    int s = from;
    for (int i = from; i < to; i++) {
      char c = t[i];
      if (c == '.' || c == '!' || c == '?') {
        if (c == '.' && !periodEnds(t, s, i, to)) {
          continue;
        }
        int e = i + 1;
        while (e < to && (t[e] == '.' || t[e] == ')' || t[e] == '"')) {
          e++;
        }
        add(t, s, e, out);
        s = e;
        i = e - 1;
      } else if (c == '\n' && newlineEnds(t, i, to)) {
        add(t, s, i, out);
        s = i + 1;
      }
    }
    add(t, s, to, out);
  }

  private static void add(char[] t, int s, int e, IntList out) {
    while (s < e && Chars.isWhitespace(t[s])) {
      s++;
    }
    while (e > s && Chars.isWhitespace(t[e - 1])) {
      e--;
    }
    boolean content = false;
    for (int k = s; k < e; k++) {
      if (Chars.isLetterOrDigit(t[k])) {
        content = true;
        break;
      }
    }
    if (!content) {
      return;
    }
    out.add(s);
    out.add(e);
  }

  private static boolean periodEnds(char[] t, int s, int i, int to) {
    char next = i + 1 < to ? t[i + 1] : ' ';
    char prev = i > s ? t[i - 1] : ' ';
    if (Chars.isDigit(next) && Chars.isDigit(prev)) {
      return false; // 5.5
    }
    if (Chars.isLetterOrDigit(next) && !Chars.isUpperCase(next)) {
      return false; // e.g / x.y
    }
    // the word before the period
    int w = i;
    while (w > s && Chars.isLetterOrDigit(t[w - 1])) {
      w--;
    }
    int len = i - w;
    if (len == 0) {
      return true;
    }
    // list marker: only digits since sentence start ("1.")
    boolean onlyMarker = true;
    for (int k = s; k < i; k++) {
      char ch = t[k];
      if (!Chars.isWhitespace(ch) && !Chars.isDigit(ch)) {
        onlyMarker = false;
        break;
      }
    }
    if (onlyMarker) {
      return false;
    }
    if (len == 1 && Chars.isLetter(t[w])) {
      return false; // e.g., i.e., initials
    }
    if (len <= 6) {
      for (String a : ABBREVIATIONS) {
        if (a.length() == len && regionEqualsIgnoreCase(t, w, a)) {
          // "No." ends a sentence only as a word; keep it a boundary when followed by a capital
          // and when "no" is the whole sentence tail of a negation ("... or no.") — rare; treat
          // "no"/"nos" as abbreviations only before a digit.
          if (a.equals("no")
              || a.equals("nos")
              || a.equals("post")
              || a.equals("ant")
              || a.equals("lat")
              || a.equals("mm")
              || a.equals("st")) {
            int k = i + 1;
            while (k < to && t[k] == ' ') {
              k++;
            }
            return !(k < to && Chars.isDigit(t[k]));
          }
          return false;
        }
      }
    }
    return true;
  }

  private static boolean regionEqualsIgnoreCase(char[] t, int w, String a) {
    for (int k = 0; k < a.length(); k++) {
      if (Chars.toLowerCase(t[w + k]) != a.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean newlineEnds(char[] t, int i, int to) {
    int k = i + 1;
    while (k < to && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r')) {
      k++;
    }
    if (k >= to) {
      return true;
    }
    char c = t[k];
    if (c == '\n') {
      return true; // blank line
    }
    if (c == '-' || c == '*' || c == '\u2022') {
      return true; // bullet
    }
    if (Chars.isDigit(c)) {
      int d = k;
      while (d < to && Chars.isDigit(t[d])) {
        d++;
      }
      return d < to && (t[d] == '.' || t[d] == ')') && d - k <= 2;
    }
    return false;
  }
}
