package io.medloom.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a radiology report into sections by header.
 *
 * <p>A header is a known name (case-insensitive, e.g. "FINDINGS", "Impression", "Clinical history",
 * "Reason for exam", "Comparisons") at the start of the text, of a line, or right after a sentence
 * end, followed by optional blanks and ':' or '-' (an upper-case header alone on its line also
 * counts). Rules for text outside headers: a report without any header is one "findings" section;
 * text before the first header is an "other" section. Blank sections are dropped. The section text
 * excludes the header and surrounding white space; offsets point into the report. No regular
 * expressions: one pass over the characters.
 */
public final class ReportSections {
  private ReportSections() {}

  static final String[] NAMES = {
    "findings", "impression", "indication", "comparison", "technique", "history", "other"
  };
  static final int FINDINGS = 0;
  static final int IMPRESSION = 1;
  static final int OTHER = 6;

  /** header text (lower case, single spaces) and the section code it opens; longest first. */
  private static final String[] HEADERS;

  private static final int[] CODES;

  /** Indexes into HEADERS by the header's first letter (a-z), in HEADERS' longest-first order. */
  private static final int[][] BY_FIRST = new int[26][];

  static {
    Object[][] h = {
      {"findings and impression", 0},
      {"findings/impression", 0},
      {"findings", 0},
      {"finding", 0},
      {"report", 0},
      {"impressions", 1},
      {"impression", 1},
      {"conclusions", 1},
      {"conclusion", 1},
      {"summary", 1},
      {"interpretation", 1},
      {"opinion", 1},
      {"reason for examination", 2},
      {"reason for exam", 2},
      {"reason for study", 2},
      {"clinical indications", 2},
      {"clinical indication", 2},
      {"clinical information", 2},
      {"clinical data", 2},
      {"indications", 2},
      {"indication", 2},
      {"reason", 2},
      {"comparisons", 3},
      {"comparison", 3},
      {"prior studies", 3},
      {"prior study", 3},
      {"priors", 3},
      {"technique", 4},
      {"techniques", 4},
      {"examination", 4},
      {"exam", 4},
      {"procedure", 4},
      {"views", 4},
      {"type of exam", 4},
      {"clinical history", 5},
      {"history", 5},
      {"brief history", 5},
      {"hx", 5},
      {"notification", 6},
      {"recommendation", 6},
      {"recommendations", 6},
      {"addendum", 6}
    };
    java.util.Arrays.sort(h, (x, y) -> ((String) y[0]).length() - ((String) x[0]).length());
    HEADERS = new String[h.length];
    CODES = new int[h.length];
    for (int i = 0; i < h.length; i++) {
      HEADERS[i] = (String) h[i][0];
      CODES[i] = (Integer) h[i][1];
    }
    // most word starts after a sentence end begin no header: test only the headers sharing the
    // first letter (the header scan was a quarter of the labeler's time)
    for (int c = 0; c < 26; c++) {
      int k = 0;
      int[] idx = new int[HEADERS.length];
      for (int i = 0; i < HEADERS.length; i++) {
        if (HEADERS[i].charAt(0) == 'a' + c) {
          idx[k++] = i;
        }
      }
      BY_FIRST[c] = java.util.Arrays.copyOf(idx, k);
    }
  }

  /** Splits {@code report}; null or blank gives an empty list. */
  public static List<Section> split(String report) {
    List<Section> out = new ArrayList<>();
    if (report == null) {
      return out;
    }
    IntList tmp = new IntList(16);
    scan(report.toCharArray(), report.length(), tmp);
    for (int i = 0; i < tmp.size; i += 3) {
      int s = tmp.a[i + 1];
      int e = tmp.a[i + 2];
      out.add(new Section(NAMES[tmp.a[i]], report.substring(s, e), s, e));
    }
    return out;
  }

  /** Appends (code, start, end) triples of non-blank, trimmed sections. Allocation-free. */
  static void scan(char[] t, int n, IntList out) {
    int curCode = -1; // -1: before any header
    int curStart = 0;
    boolean any = false;
    // a header starts the text, or a word after white space whose last character other than
    // blanks and tabs ends a line or a sentence: track that as the characters go by, so the
    // header test runs at few positions
    boolean afterEnd = true;
    for (int p = 0; p < n; p++) {
      char c = t[p];
      if (c == ' ' || c == '\t') {
        continue;
      }
      boolean start = afterEnd && (p == 0 || Chars.isWhitespace(t[p - 1]));
      afterEnd = c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?';
      if (!start || !Chars.isLetter(c)) {
        continue;
      }
      int[] m = matchHeader(t, n, p);
      if (m == null) {
        continue;
      }
      // close current
      emit(t, curCode < 0 ? (any ? OTHER : -2) : curCode, curStart, p, out);
      any = true;
      curCode = m[0];
      curStart = m[1];
      p = m[1] - 1;
    }
    if (!any) {
      emit(t, FINDINGS, 0, n, out);
    } else {
      emit(t, curCode, curStart, n, out);
    }
  }

  private static void emit(char[] t, int code, int s, int e, IntList out) {
    while (s < e && Chars.isWhitespace(t[s])) {
      s++;
    }
    while (e > s && Chars.isWhitespace(t[e - 1])) {
      e--;
    }
    if (e <= s) {
      return;
    }
    out.add(code == -2 ? OTHER : code);
    out.add(s);
    out.add(e);
  }

  /** Returns {code, index after the header punctuation} or null. */
  private static int[] matchHeader(char[] t, int n, int p) {
    char first = Chars.toLowerCase(t[p]);
    if (first < 'a' || first > 'z') {
      return null;
    }
    for (int h : BY_FIRST[first - 'a']) {
      String name = HEADERS[h];
      int i = p;
      int k = 0;
      boolean allUpper = true;
      while (k < name.length() && i < n) {
        char want = name.charAt(k);
        char got = t[i];
        if (want == ' ') {
          if (got != ' ' && got != '\t') {
            break;
          }
          while (i < n && (t[i] == ' ' || t[i] == '\t')) {
            i++;
          }
          k++;
          continue;
        }
        if (Chars.toLowerCase(got) != want) {
          break;
        }
        if (Chars.isLowerCase(got)) {
          allUpper = false;
        }
        i++;
        k++;
      }
      if (k < name.length()) {
        continue;
      }
      if (i < n && Chars.isLetterOrDigit(t[i])) {
        continue; // part of a longer word
      }
      int j = i;
      while (j < n && (t[j] == ' ' || t[j] == '\t')) {
        j++;
      }
      if (j < n && t[j] == ':') {
        return new int[] {CODES[h], j + 1};
      }
      if (j < n
          && (t[j] == '-' || t[j] == '\u2013' || t[j] == '\u2014')
          && j + 1 < n
          && Chars.isWhitespace(t[j + 1])) {
        return new int[] {CODES[h], j + 1};
      }
      if (allUpper && (j >= n || t[j] == '\n' || t[j] == '\r')) {
        return new int[] {CODES[h], j};
      }
    }
    return null;
  }

  static String name(int code) {
    return NAMES[code];
  }

  static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
