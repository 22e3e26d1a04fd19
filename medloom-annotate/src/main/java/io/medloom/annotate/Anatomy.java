package io.medloom.annotate;

import io.medloom.core.model.Roi;
import java.util.Locale;
import java.util.Set;

/**
 * Tells anatomy regions (the frame of reference) from findings (what gets described). Sources do
 * not mark this explicitly, so we use the label vocabulary plus the phantom's {@code anatomy-} id
 * prefix; a finding is anything else.
 */
final class Anatomy {
  static final Set<String> LABELS =
      Set.of(
          "right lung",
          "left lung",
          "lung",
          "lungs",
          "heart",
          "mediastinum",
          "spine",
          "diaphragm",
          "clavicles",
          "clavicle",
          "ribs",
          "sternum",
          "trachea",
          "aorta",
          "liver",
          "spleen",
          "stomach",
          "right kidney",
          "left kidney",
          "kidney",
          "brain",
          "skull",
          "breast");

  private Anatomy() {}

  /** Anatomy, including the atlas lung zones (subdivisions of a lung, not findings). */
  static boolean isAnatomy(Roi r) {
    return r.id().startsWith("anatomy-")
        || LABELS.contains(r.label().toLowerCase(Locale.ROOT))
        || isLungZone(r);
  }

  /** An atlas lung zone added by the stage ({@link LungZones}). */
  static boolean isLungZone(Roi r) {
    return r.origin().equals("atlas") && LungZones.ATLAS.equals(r.attributes().get("atlas"));
  }

  /** Anatomy a model outlined (origin {@code model:<name>}), not an atlas zone. */
  static boolean isModelAnatomy(Roi r) {
    return Roi.isModel(r.origin()) && isAnatomy(r) && !isLungZone(r);
  }

  static boolean isLung(Roi r, String side) {
    return r.label().equalsIgnoreCase(side + " lung");
  }

  /** Label without a leading side word: "right lung" -> "lung" (for side-free overviews). */
  static String sideless(String label) {
    return label.replaceFirst("(?i)^(right|left)\\s+", "");
  }
}
