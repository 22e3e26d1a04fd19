package io.medloom.annotate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every location, size and appearance word in a generated text agrees with the measured
 * attributes of the ROI it describes (unprefixed keys: {@code loc.side}, {@code loc.zone}, ...).
 *
 * <p>Named sided anatomy ("the right lung") is a claim about neighbours, not about the ROI's side:
 * it must be the ROI's {@code loc.organ} or one of its {@code neighbours}, and is then masked out
 * so its side word is not read as the ROI's side. Likewise a grid phrase ("upper-left part of the
 * image") is checked against {@code loc.grid} and masked out, since its words are image sides.
 */
public final class ConsistencyCheck {
  private static final Pattern SIDED_ANATOMY =
      Pattern.compile("\\b(right|left) (lung|kidney|clavicle|hemidiaphragm|breast|lobe)\\b");
  private static final Pattern GRID =
      Pattern.compile(
          "\\b(?:(upper|middle|lower)-(left|centre|right) part|(centre)) of the image\\b");
  private static final Pattern WORD = Pattern.compile("[a-z]+");

  private ConsistencyCheck() {}

  public static boolean agrees(String text, Map<String, String> attrs) {
    String t = text.toLowerCase(Locale.ROOT);
    Set<String> named = new HashSet<>();
    for (String n : attrs.getOrDefault("neighbours", "").split(",")) {
      named.add(n.strip().toLowerCase(Locale.ROOT));
    }
    named.add(attrs.getOrDefault("loc.organ", "").toLowerCase(Locale.ROOT));
    Matcher m = SIDED_ANATOMY.matcher(t);
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      if (!named.contains(m.group())) {
        return false;
      }
      m.appendReplacement(rest, "anatomy");
    }
    m.appendTail(rest);
    Matcher g = GRID.matcher(rest.toString());
    StringBuilder rest2 = new StringBuilder();
    while (g.find()) {
      String claimed = g.group(3) != null ? "middle centre" : g.group(1) + " " + g.group(2);
      if (!claimed.equals(attrs.get("loc.grid"))) {
        return false;
      }
      g.appendReplacement(rest2, "grid");
    }
    g.appendTail(rest2);
    Matcher w = WORD.matcher(rest2.toString());
    while (w.find()) {
      if (!wordAgrees(w.group(), attrs)) {
        return false;
      }
    }
    return true;
  }

  private static boolean wordAgrees(String word, Map<String, String> a) {
    String intensity = a.getOrDefault("intensity.relative", "");
    return switch (word) {
      case "right", "left", "midline" -> word.equals(a.get("loc.side"));
      case "upper", "middle", "lower" -> word.equals(a.get("loc.zone"));
      case "apex", "apical" -> "apex".equals(a.get("loc.region"));
      case "costophrenic" -> "costophrenic angle".equals(a.get("loc.region"));
      case "hyperdense",
              "isodense",
              "hypodense",
              "hyperintense",
              "isointense",
              "hypointense",
              "hyperechoic",
              "isoechoic",
              "hypoechoic" ->
          word.equals(intensity);
      // The neutral words of an unknown modality ("darker than the surrounding tissue",
      // "similar in brightness to ...").
      case "brighter", "darker" -> word.equals(intensity);
      case "brightness" -> intensity.equals("similar");
      case "homogeneous", "heterogeneous" -> word.equals(a.get("texture"));
      case "tiny", "small", "moderate", "large" ->
          !a.containsKey("size.area_fraction")
              || Phrases.size(Double.parseDouble(a.get("size.area_fraction"))).contains(word);
      default -> true;
    };
  }
}
