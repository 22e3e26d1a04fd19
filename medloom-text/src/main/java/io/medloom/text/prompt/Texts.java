package io.medloom.text.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Small string helpers shared by the prompt classes. */
final class Texts {
  private Texts() {}

  /** Upper-cases the first character only, so acronyms and the rest of the sentence stay intact. */
  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  /** Joins the non-blank parts with single spaces (templates use "" for "no severity" etc.). */
  static String joinWords(String... parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        kept.add(p.strip());
      }
    }
    return String.join(" ", kept);
  }

  /**
   * Lookup key for class names: case-insensitive, with '_' / '-' / runs of spaces treated alike, so
   * "Pleural_Effusion", "pleural effusion" and "PLEURAL EFFUSION" all meet.
   */
  static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]+", " ");
  }

  /**
   * Whole-word (or whole-phrase) cue pattern; word boundaries keep "no" from matching "nodule" and
   * "not" from matching "cannot".
   */
  static Pattern cuePattern(List<String> cues) {
    StringBuilder sb = new StringBuilder("\\b(?:");
    for (int i = 0; i < cues.size(); i++) {
      sb.append(i == 0 ? "" : "|").append(Pattern.quote(cues.get(i)));
    }
    return Pattern.compile(sb.append(")\\b").toString(), Pattern.CASE_INSENSITIVE);
  }
}
