package io.medloom.annotate;

import io.medloom.core.image.BitMask;
import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Atlas lung zones: each lung mask cut into thirds of that lung's vertical extent, with exactly the
 * rule {@link RoiAttributes} uses for {@code loc.zone}: a pixel row y belongs to the upper zone
 * when t = (y + 0.5 - box.y0) / box.height is below 1/3, the middle zone below 2/3, else the lower
 * zone (box = the lung ROI's box). Every lung pixel falls in exactly one zone, so the zones tile
 * the lung.
 */
final class LungZones {
  static final String ATLAS = "lung-zones";
  static final List<String> ZONES = List.of("upper", "middle", "lower");

  private LungZones() {}

  /** The zone ROIs of every lung ("right lung", "left lung") present; none without lungs. */
  static List<Roi> of(List<Roi> rois, int w, int h) {
    List<Roi> out = new ArrayList<>();
    for (String side : List.of("right", "left")) {
      Roi lung = null;
      for (Roi r : rois) {
        if (Anatomy.isLung(r, side) && !Anatomy.isLungZone(r)) {
          lung = r;
          break;
        }
      }
      if (lung == null) {
        continue;
      }
      byte[] m = Masks.of(lung, w, h);
      Box b = lung.box();
      byte[][] zones = new byte[3][w * h];
      for (int y = 0; y < h; y++) {
        double t = Math.max(0, Math.min(0.999999, (y + 0.5 - b.y0()) / b.height()));
        int z = t < 1.0 / 3 ? 0 : t < 2.0 / 3 ? 1 : 2;
        for (int x = 0; x < w; x++) {
          int i = y * w + x;
          if (m[i] != 0) {
            zones[z][i] = 1;
          }
        }
      }
      for (int z = 0; z < 3; z++) {
        String label = side + " " + ZONES.get(z) + " zone";
        Roi.fromMask(
                "atlas-" + label.replace(' ', '-'),
                label,
                BitMask.wrap(w, h, zones[z]),
                "atlas",
                Map.of("atlas", ATLAS))
            .ifPresent(out::add);
      }
    }
    return out;
  }
}
