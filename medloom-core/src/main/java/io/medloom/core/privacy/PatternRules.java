package io.medloom.core.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular-expression rules of {@code scrub-patterns.tsv}, compiled once. A rule whose regex has
 * a group named {@code phi} removes only that group. Two rules need more than a regex: a hospital
 * name must keep a proper name once leading ordinary words ("Outside", "The") are dropped, and a
 * place after a cue ("returned from ...") must not be a clinical word or a place larger than a
 * state.
 */
final class PatternRules {
  private static final Pattern MACRO = Pattern.compile("\\{([A-Z]+)\\}");

  /**
   * One rule; {@code filter} is empty, "hospital" or "place". The rule runs only on texts that hold
   * a digit (when {@code digit}), one of the substrings {@code has} (when not empty) and one of the
   * words {@code words} (when not empty).
   */
  record Rule(
      String name,
      PhiCategory category,
      Pattern pattern,
      boolean group,
      String filter,
      boolean digit,
      List<String> has,
      Set<String> words) {}

  private final List<Rule> rules;
  private final WordLists words;

  PatternRules(List<Rule> rules, WordLists words) {
    this.rules = List.copyOf(rules);
    this.words = words;
  }

  static PatternRules load(String resource, WordLists words) {
    Map<String, String> macros = new HashMap<>();
    List<Rule> rules = new ArrayList<>();
    for (String line : WordLists.lines(resource)) {
      String[] f = line.split("\t");
      String regex = f.length >= 3 ? expand(f[2], macros, resource) : "";
      if (f[0].equals("define") && f.length == 3) {
        macros.put(f[1], regex);
        continue;
      }
      if (f.length < 4 || f.length > 5) {
        throw new IllegalStateException(resource + ": need 4 or 5 tab-separated fields: " + line);
      }
      boolean digit = false;
      List<String> has = new ArrayList<>();
      Set<String> needWords = new HashSet<>();
      for (String need : f[3].split(";")) {
        if (need.equals("digit")) {
          digit = true;
        } else if (need.startsWith("has:")) {
          has.addAll(List.of(need.substring(4).split(",")));
        } else if (need.startsWith("words:")) {
          needWords.addAll(List.of(need.substring(6).split(",")));
        } else if (!need.equals("-")) {
          throw new IllegalStateException(resource + ": unknown need '" + need + "' in: " + line);
        }
      }
      rules.add(
          new Rule(
              f[0],
              PhiCategory.valueOf(f[1]),
              Pattern.compile(regex),
              regex.contains("(?<phi>"),
              f.length == 5 ? f[4] : "",
              digit,
              List.copyOf(has),
              Set.copyOf(needWords)));
    }
    return new PatternRules(rules, words);
  }

  private static String expand(String regex, Map<String, String> macros, String resource) {
    Matcher m = MACRO.matcher(regex);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = macros.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException(resource + ": undefined {" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  List<Rule> rules() {
    return rules;
  }

  /** Every match of every rule; the rule's index in the file is its priority (lower wins). */
  void find(String text, List<Redaction> out, List<Integer> priority) {
    String lower = text.toLowerCase(Locale.ROOT);
    boolean digit = false;
    for (int i = 0; i < text.length() && !digit; i++) {
      digit = Character.isDigit(text.charAt(i));
    }
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      if (rule.digit() && !digit || !rule.has().isEmpty() && !containsAny(lower, rule.has())) {
        continue;
      }
      if (!rule.words().isEmpty() && !containsAnyWord(lower, rule.words())) {
        continue;
      }
      Matcher m = rule.pattern().matcher(text);
      while (m.find()) {
        int s = rule.group() ? m.start("phi") : m.start();
        int e = rule.group() ? m.end("phi") : m.end();
        if (s < 0 || e <= s) {
          continue;
        }
        if (rule.category() == PhiCategory.URL) {
          while (e > s && ".,;:!?".indexOf(text.charAt(e - 1)) >= 0) {
            e--; // the sentence's full stop is not part of the address
          }
        }
        if (rule.filter().equals("hospital")) {
          s = hospitalStart(text, s, e);
        } else if (rule.filter().equals("place") && !isSmallPlace(text.substring(s, e))) {
          s = -1;
        }
        if (s >= 0 && e > s) {
          out.add(new Redaction(s, e, rule.category()));
          priority.add(r);
        }
      }
    }
  }

  private static boolean containsAnyWord(String text, Set<String> words) {
    for (String w : words) {
      int at = text.indexOf(w);
      while (at >= 0) {
        int end = at + w.length();
        if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
            && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
          return true;
        }
        at = text.indexOf(w, at + 1);
      }
    }
    return false;
  }

  private static boolean containsAny(String text, List<String> parts) {
    for (String p : parts) {
      if (text.contains(p)) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.Set<String> HOSPITAL_LEAD =
      java.util.Set.of(
          "the",
          "a",
          "an",
          "outside",
          "our",
          "this",
          "that",
          "local",
          "prior",
          "previous",
          "other",
          "same",
          "another",
          "any",
          "her",
          "his",
          "their",
          "its",
          "transferred",
          "admitted",
          "seen",
          "presented",
          "from",
          "at",
          "to",
          "in",
          "by",
          "per",
          "and",
          "of",
          "for",
          "nearby",
          "rural");
  private static final java.util.Set<String> HOSPITAL_WORDS =
      java.util.Set.of(
          "hospital",
          "medical",
          "health",
          "clinic",
          "infirmary",
          "cancer",
          "urgent",
          "dialysis",
          "imaging",
          "surgery",
          "surgical",
          "rehabilitation",
          "nursing",
          "assisted",
          "hospice",
          "institute",
          "center",
          "centre",
          "care",
          "group",
          "system",
          "home",
          "living");

  /**
   * Where a hospital name really starts once ordinary leading words are dropped, or -1 when only
   * generic words are left ("Outside Hospital", "Community Hospital").
   */
  private static int hospitalStart(String text, int s, int e) {
    int i = s;
    while (i < e) {
      int j = i;
      while (j < e && !Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      String word = text.substring(i, j).toLowerCase(Locale.ROOT);
      if (HOSPITAL_WORDS.contains(word)) {
        return -1;
      }
      if (!HOSPITAL_LEAD.contains(word)) {
        return i;
      }
      while (j < e && Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      i = j;
    }
    return -1;
  }

  private boolean isSmallPlace(String phrase) {
    for (String word : phrase.split("[\\s-]+")) {
      String k = word.toLowerCase(Locale.ROOT);
      if (words.allow.contains(k) || words.places.contains(k)) {
        return false;
      }
    }
    return true;
  }
}
