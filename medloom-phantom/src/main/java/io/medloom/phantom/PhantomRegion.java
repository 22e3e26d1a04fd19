package io.medloom.phantom;

import java.util.Map;

/**
 * A labelled binary mask (width*height, 1 inside / 0 outside) over a {@link PhantomImage}.
 *
 * @param name structure name, e.g. "right lung" or "nodule"
 * @param finding "" for anatomy, otherwise one of {@link PhantomFindings#FINDINGS}
 * @param location patient-side location for lesions ("right upper zone"), "" for anatomy
 * @param mask exact mask from the same geometry that produced the pixels; not copied
 * @param attributes free-form descriptors such as size_mm, shape, margin, ctr
 */
public record PhantomRegion(
    String name, String finding, String location, byte[] mask, Map<String, String> attributes) {
  public PhantomRegion {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("region name must be non-empty");
    }
    finding = finding == null ? "" : finding;
    location = location == null ? "" : location;
    if (mask == null) {
      throw new IllegalArgumentException("mask must not be null for region " + name);
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** Number of pixels inside the mask. */
  public int area() {
    int n = 0;
    for (byte b : mask) {
      n += b;
    }
    return n;
  }
}
