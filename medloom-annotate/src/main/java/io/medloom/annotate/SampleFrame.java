package io.medloom.annotate;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every ROI of a sample is measured against, computed once per sample: the gray pixels, the
 * non-padding content, the midline and the anatomy masks.
 *
 * @param frontal true when the view has a radiological left/right convention (PA, AP): the
 *     patient's right is on the image left
 * @param midlineX image x of the patient midline (spine, else mediastinum, else content centre)
 * @param anatomy anatomy ROIs with their masks
 */
record SampleFrame(
    Sample sample, Raster gray, Box content, boolean frontal, double midlineX, List<Part> anatomy) {

  /** Views whose image left is the patient's right. */
  static final Set<String> FRONTAL_VIEWS = Set.of("PA", "AP", "AP SUPINE", "AP ERECT", "FRONTAL");

  /** An anatomy region and its mask bytes. */
  record Part(Roi roi, byte[] mask, int area) {}

  /** Padding is pure black after standardization; 4 levels of slack absorb resampling ringing. */
  static final int PADDING_LEVEL = 4;

  static SampleFrame of(Sample s) {
    Raster g =
        s.image().orElseThrow(() -> new IllegalArgumentException("sample has no image")).toGray();
    int w = g.width();
    int h = g.height();
    Box content = contentBox(g);
    List<Part> parts = new ArrayList<>();
    for (Roi r : s.rois()) {
      // Lung zones are derived from the lungs; measuring against them would double-count anatomy.
      if (Anatomy.isAnatomy(r) && !Anatomy.isLungZone(r)) {
        byte[] m = Masks.of(r, w, h);
        parts.add(new Part(r, m, Masks.count(m)));
      }
    }
    double mid = (content.x0() + content.x1()) / 2.0;
    for (String name : List.of("spine", "mediastinum")) {
      Part p = find(parts, name);
      if (p != null) {
        mid = (p.roi().box().x0() + p.roi().box().x1()) / 2.0;
        break;
      }
    }
    boolean frontal = FRONTAL_VIEWS.contains(s.view().toUpperCase(Locale.ROOT).strip());
    return new SampleFrame(s, g, content, frontal, mid, List.copyOf(parts));
  }

  static Part find(List<Part> parts, String label) {
    for (Part p : parts) {
      if (p.roi().label().equalsIgnoreCase(label)) {
        return p;
      }
    }
    return null;
  }

  Part part(String label) {
    return find(anatomy, label);
  }

  boolean hasLungs() {
    return part("right lung") != null || part("left lung") != null;
  }

  int width() {
    return gray.width();
  }

  int height() {
    return gray.height();
  }

  private static Box contentBox(Raster g) {
    int w = g.width();
    int h = g.height();
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (g.get(x, y, 0) > PADDING_LEVEL) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = y;
        }
      }
    }
    return x1 < 0 ? new Box(0, 0, w, h) : new Box(x0, y0, x1 + 1, y1 + 1);
  }
}
