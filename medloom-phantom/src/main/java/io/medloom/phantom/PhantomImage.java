package io.medloom.phantom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rendered synthetic chest radiograph with its ground truth. Pixels are 8-bit grayscale,
 * row-major, 0 = air (black) and bright = dense, as on a film. The byte arrays are not copied
 * (images are large and produced once); callers must treat them as read-only.
 */
public record PhantomImage(
    String patientId,
    String studyId,
    String view,
    String sex,
    int ageYears,
    int width,
    int height,
    byte[] pixels,
    List<PhantomRegion> anatomy,
    List<PhantomRegion> lesions,
    List<String> findings,
    Map<String, String> reported,
    String indication,
    String findingsText,
    String impressionText) {

  public PhantomImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("bad size " + width + "x" + height);
    }
    if (pixels == null || pixels.length != width * height) {
      throw new IllegalArgumentException("pixels must have width*height = " + width * height);
    }
    anatomy = List.copyOf(anatomy);
    lesions = List.copyOf(lesions);
    findings = List.copyOf(findings);
    // Keep the FINDINGS order of the map for readability; still unmodifiable.
    reported = Collections.unmodifiableMap(new LinkedHashMap<>(reported));
  }

  /** The anatomy or lesion region with this name, or null. */
  public PhantomRegion region(String name) {
    for (PhantomRegion r : anatomy) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    for (PhantomRegion r : lesions) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    return null;
  }
}
