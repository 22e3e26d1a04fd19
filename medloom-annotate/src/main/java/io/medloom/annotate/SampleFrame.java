package io.medloom.annotate;

import io.medloom.core.image.Raster;
import io.medloom.core.image.RegionLocation;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * What every ROI of a sample is measured against, computed once per sample: the gray pixels, the
 * anatomy masks, and the location frame ({@link RegionLocation}: view convention, midline, lung
 * boxes, content box), the same frame {@code verify} rebuilds from the stored row.
 */
record SampleFrame(Sample sample, Raster gray, RegionLocation.Frame location, List<Part> anatomy) {

  /** An anatomy region and its mask bytes. */
  record Part(Roi roi, byte[] mask, int area) {}

  static SampleFrame of(Sample s) {
    Raster g =
        s.image().orElseThrow(() -> new IllegalArgumentException("sample has no image")).toGray();
    int w = g.width();
    int h = g.height();
    List<Part> parts = new ArrayList<>();
    for (Roi r : s.rois()) {
      // Lung zones are derived from the lungs; measuring against them would double-count anatomy.
      if (Anatomy.isAnatomy(r) && !Anatomy.isLungZone(r)) {
        byte[] m = Masks.of(r, w, h);
        parts.add(new Part(r, m, Masks.count(m)));
      }
    }
    RegionLocation.Frame frame = RegionLocation.frame(s.view(), s.rois(), () -> g);
    return new SampleFrame(s, g, frame, List.copyOf(parts));
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

  int width() {
    return gray.width();
  }

  int height() {
    return gray.height();
  }
}
