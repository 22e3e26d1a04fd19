package io.medloom.annotate;

import java.util.Locale;
import java.util.Map;

/**
 * Words for measured values. Kept free of side and zone words (right, left, upper, middle, lower)
 * except where a location is meant, so the consistency check can read every such word as a claim.
 */
final class Phrases {
  private Phrases() {}

  static String modality(String code) {
    return switch (code.toUpperCase(Locale.ROOT).strip()) {
      case "CR", "DX" -> "radiograph";
      case "CT" -> "CT image";
      case "MR" -> "MR image";
      case "US" -> "ultrasound image";
      case "MG" -> "mammogram";
      case "XA" -> "angiogram";
      case "PT" -> "PET image";
      case "NM" -> "nuclear medicine image";
      case "ES" -> "endoscopy image";
      case "XC" -> "photograph";
      case "OP" -> "fundus photograph";
      case "OPT" -> "OCT image";
      case "SM" -> "slide microscopy image";
      default -> "image";
    };
  }

  /** True when the code names a modality we have words for (not OT, "other", or unknown). */
  static boolean knownModality(String code) {
    return !modality(code).equals("image");
  }

  /**
   * Intensity and texture as one phrase. A modality's own word is an adjective ("hypoechoic and
   * heterogeneous"); the neutral comparison of an unknown modality ends the phrase, so it reads
   * "heterogeneous and darker than the surrounding tissue". Empty when neither is known.
   */
  static String appearance(String intensity, String texture) {
    String i =
        switch (intensity) {
          case "brighter" -> "brighter than the surrounding tissue";
          case "darker" -> "darker than the surrounding tissue";
          case "similar" -> "similar in brightness to the surrounding tissue";
          default -> intensity;
        };
    if (i.isEmpty() || texture.isEmpty()) {
      return i + texture;
    }
    return comparative(intensity) ? texture + " and " + i : i + " and " + texture;
  }

  /** The neutral intensity words already compare with the surroundings. */
  static boolean comparative(String intensity) {
    return intensity.equals("brighter")
        || intensity.equals("darker")
        || intensity.equals("similar");
  }

  static String bodyPart(String term) {
    return term.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  static String view(String v) {
    String u = v.strip().toUpperCase(Locale.ROOT);
    return switch (u) {
      case "" -> "";
      case "PA", "AP" -> u;
      case "LATERAL", "LAT", "LL", "RL" -> "lateral";
      default -> v.strip().toLowerCase(Locale.ROOT);
    };
  }

  /** Size by share of the image: one rule with the qa stage and verify ({@code QaRules}). */
  static String size(double areaFraction) {
    return io.medloom.core.qa.QaRules.sizeWord(areaFraction);
  }

  static String shape(double circularity, double elongation) {
    if (circularity < 0.5) {
      return "irregular";
    }
    if (elongation >= 2) {
      return "elongated";
    }
    return circularity >= 0.8 && elongation < 1.3 ? "round" : "oval";
  }

  static String texture(String t) {
    return t;
  }

  /** "in the right upper zone", "at the left apex", ... from loc.* attributes; "" when unknown. */
  static String location(Map<String, String> a) {
    String side = a.get("loc.side");
    String zone = a.get("loc.zone");
    String region = a.getOrDefault("loc.region", "");
    String grid = a.get("loc.grid");
    if (grid != null) {
      return grid.equals("middle centre")
          ? "in the centre of the image"
          : "in the " + grid.replace(' ', '-') + " part of the image";
    }
    if (side != null && !side.equals("midline")) {
      if (region.equals("apex")) {
        return "at the " + side + " apex";
      }
      String where =
          zone == null ? "in the " + side + " hemithorax" : "in the " + side + " " + zone + " zone";
      return region.equals("costophrenic angle") ? where + " at the costophrenic angle" : where;
    }
    if (side != null) {
      return zone == null
          ? "in the midline"
          : "in the midline at the level of the " + zone + " zones";
    }
    return zone == null ? "" : "projecting over the " + zone + " zones of the lungs";
  }

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * True for plural labels such as "support devices" or "calcifications": the last word ends in "s"
   * but not in "ss", "us", "is" or "xs" ("mass", "pneumothorax" and "stenosis" stay singular).
   */
  static boolean isPlural(String label) {
    String w = label.strip().toLowerCase(java.util.Locale.ROOT);
    w = w.substring(w.lastIndexOf(' ') + 1);
    return w.length() > 3
        && w.endsWith("s")
        && !w.endsWith("ss")
        && !w.endsWith("us")
        && !w.endsWith("is")
        && !w.endsWith("xs");
  }

  /** The verb form that agrees with the label: {@code verb("nodule", "lies", "lie")}. */
  static String verb(String label, String singular, String plural) {
    return isPlural(label) ? plural : singular;
  }

  static String article(String word) {
    return "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
  }
}
