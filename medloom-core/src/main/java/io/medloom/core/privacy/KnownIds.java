package io.medloom.core.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the sample's own identifiers (patient and study ids the caller knows) in its text.
 *
 * <p>An id of 4 characters or more is found wherever it is not glued to other letters or digits
 * (also inside a path such as {@code files/p10/p10000032/}), ignoring case. A shorter id ("17",
 * "A3") is found only as a whole word, with its exact case, and a short number is kept when it is
 * clearly a measurement or a count ("17 mm", "17%", "17 days", "day 17") or part of a larger number
 * ("17.5", "17-19", "COVID-17"): a patient numbered 5 must not erase every "5 mm" nodule.
 */
final class KnownIds {
  private static final int SHORT = 4;
  private static final Set<String> UNITS_AFTER =
      Set.of(
          "mm",
          "cm",
          "m",
          "km",
          "mg",
          "g",
          "kg",
          "mcg",
          "ug",
          "ml",
          "l",
          "dl",
          "%",
          "day",
          "days",
          "d",
          "hour",
          "hours",
          "hr",
          "hrs",
          "h",
          "week",
          "weeks",
          "wk",
          "wks",
          "month",
          "months",
          "mo",
          "mos",
          "year",
          "years",
          "yr",
          "yrs",
          "y",
          "min",
          "mins",
          "minute",
          "minutes",
          "sec",
          "seconds",
          "s",
          "times",
          "x",
          "mmhg",
          "bpm",
          "breaths",
          "beats",
          "unit",
          "units",
          "u",
          "iu",
          "mmol",
          "meq",
          "fr",
          "french",
          "gauge",
          "cc",
          "view",
          "views",
          "rib",
          "ribs",
          "core",
          "cores",
          "lobe",
          "lobes",
          "level",
          "levels",
          "mm3",
          "cells",
          "copies",
          "ng",
          "pg",
          "mgy",
          "gy",
          "cgy",
          "kv",
          "kvp",
          "ma",
          "mas",
          "degrees",
          "deg",
          "o'clock",
          "pack",
          "packs",
          "liters",
          "litres",
          "fraction",
          "fractions",
          "point",
          "points",
          "patients",
          "cases",
          "nodules",
          "lesions",
          "mass",
          "masses",
          "vessels",
          "segments",
          "weeks'");
  private static final Set<String> WORDS_BEFORE =
      Set.of(
          "day",
          "days",
          "week",
          "grade",
          "stage",
          "type",
          "class",
          "level",
          "rib",
          "segment",
          "zone",
          "lead",
          "gauge",
          "size",
          "score",
          "of",
          "t",
          "c",
          "l",
          "s",
          "vii",
          "hd",
          "pod",
          "dose",
          "cycle",
          "fig",
          "figure",
          "table",
          "series",
          "image",
          "slice",
          "bed",
          "room",
          "cm",
          "mm",
          "x",
          "by",
          "to",
          "and",
          "or",
          "from",
          "between",
          "than",
          "over",
          "under",
          "approximately",
          "about",
          "nearly",
          "up");

  private KnownIds() {}

  static void find(String text, Collection<String> ids, List<Redaction> out) {
    List<String> sorted = new ArrayList<>();
    for (String id : ids) {
      if (id != null && !id.isBlank()) {
        sorted.add(id.strip());
      }
    }
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    for (String id : sorted) {
      boolean isShort = id.length() < SHORT;
      int from = 0;
      while (true) {
        int at = isShort ? text.indexOf(id, from) : indexOfIgnoreCase(text, id, from);
        if (at < 0) {
          break;
        }
        int end = at + id.length();
        if (isShort
            ? wholeWord(text, at, end) && !measurement(text, id, at, end)
            : free(text, at, end)) {
          out.add(new Redaction(at, end, PhiCategory.ID));
        }
        from = at + 1;
      }
    }
  }

  private static int indexOfIgnoreCase(String text, String id, int from) {
    for (int i = from; i + id.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, id, 0, id.length())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean free(String text, int s, int e) {
    return (s == 0 || !Character.isLetterOrDigit(text.charAt(s - 1)))
        && (e == text.length() || !Character.isLetterOrDigit(text.charAt(e)));
  }

  /** Not glued to letters or digits, nor joined to them by "-", ".", "/", "_" or ",". */
  private static boolean wholeWord(String text, int s, int e) {
    if (!free(text, s, e)) {
      return false;
    }
    if (s >= 2
        && "-./_,^".indexOf(text.charAt(s - 1)) >= 0
        && Character.isLetterOrDigit(text.charAt(s - 2))) {
      return false;
    }
    return !(e + 1 < text.length()
        && "-./_,:^".indexOf(text.charAt(e)) >= 0
        && Character.isLetterOrDigit(text.charAt(e + 1)));
  }

  private static boolean measurement(String text, String id, int s, int e) {
    if (!id.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int i = e;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    int j = i;
    while (j < text.length()
        && !Character.isWhitespace(text.charAt(j))
        && ".,;:)".indexOf(text.charAt(j)) < 0) {
      j++;
    }
    String after = text.substring(i, j).toLowerCase(Locale.ROOT);
    if (after.startsWith("%")
        || UNITS_AFTER.contains(after)
        || after.contains("/") && UNITS_AFTER.contains(after.substring(0, after.indexOf('/')))) {
      return true;
    }
    int k = s;
    while (k > 0 && text.charAt(k - 1) == ' ') {
      k--;
    }
    int b = k;
    while (b > 0 && Character.isLetter(text.charAt(b - 1))) {
      b--;
    }
    return k < s && WORDS_BEFORE.contains(text.substring(b, k).toLowerCase(Locale.ROOT));
  }
}
