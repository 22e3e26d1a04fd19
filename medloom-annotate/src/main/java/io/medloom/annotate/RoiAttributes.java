package io.medloom.annotate;

import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Attributes of one ROI measured from pixels and masks only. Truth attributes a source may carry
 * ({@code truth.*}) are never read: they are what these measurements are checked against.
 *
 * <p>Anatomy ROIs get their area only (they are the frame of reference, not findings); atlas
 * regions get location only (their shape and intensity describe the atlas, not the patient).
 */
public final class RoiAttributes {
  /** |mean inside - mean of the 3..6 px ring| above this many gray levels is hyper/hypo. */
  public static final double INTENSITY_THRESHOLD = 8;

  /**
   * Inside standard deviation (gray levels) above which a region is heterogeneous. Film grain and
   * vessel markings give homogeneous phantom nodules a std of a few levels; cavitation, air
   * bronchograms or mixed content push it well above 10.
   */
  public static final double TEXTURE_THRESHOLD = 10;

  /** A side with at least this share of the ROI's pixels makes the ROI straddle the midline. */
  public static final double MIDLINE_SHARE = 0.25;

  /** Top / bottom share of a lung's height called apex / costophrenic angle. */
  public static final double APEX_SHARE = 0.15;

  private static final Set<String> BONES =
      Set.of("ribs", "clavicles", "clavicle", "spine", "sternum");
  private static final int RING_IN = 3;
  private static final int RING_OUT = 6;
  private static final int TOUCH = 2;

  private RoiAttributes() {}

  public static Map<String, String> compute(Sample s, Roi r) {
    return compute(SampleFrame.of(s), r);
  }

  static Map<String, String> compute(SampleFrame f, Roi r) {
    int w = f.width();
    int h = f.height();
    byte[] m = Masks.of(r, w, h);
    Map<String, String> a = new TreeMap<>();
    int area = Masks.count(m);
    a.put("size.area_fraction", num(area / (double) (w * h)));
    if (Anatomy.isAnatomy(r) || area == 0) {
      return a;
    }
    RoiGeometry g = RoiGeometry.of(m, w, h);
    location(f, m, g, a);
    if (r.origin().equals("atlas")) {
      a.remove("size.area_fraction");
      return a;
    }
    SampleFrame.Part organ = container(f, m);
    if (organ != null) {
      a.put("loc.organ", organ.roi().label());
      a.put("loc.organ_share", num(overlap(m, organ.mask()) / (double) area));
      a.put("size.organ_fraction", num(Math.min(1, area / (double) organ.area())));
    }
    a.put("shape.circularity", num(g.circularity()));
    a.put("shape.elongation", num(g.elongation()));
    int[] d = Masks.distance(m, w, h, RING_OUT);
    intensity(f, m, d, a);
    TreeSet<String> touching = new TreeSet<>();
    for (SampleFrame.Part p : f.anatomy()) {
      for (int i = 0; i < d.length; i++) {
        if (p.mask()[i] != 0 && d[i] <= TOUCH) {
          touching.add(p.roi().label());
          break;
        }
      }
    }
    a.put("neighbours", String.join(",", touching));
    return a;
  }

  /** Side, zone/region (chest) or 3x3 grid (other images); see the class comment of each rule. */
  private static void location(SampleFrame f, byte[] m, RoiGeometry g, Map<String, String> a) {
    int w = f.width();
    String side = null;
    if (f.frontal()) {
      int imageLeft = 0;
      int n = 0;
      for (int i = 0; i < m.length; i++) {
        if (m[i] != 0) {
          n++;
          if (i % w + 0.5 < f.midlineX()) {
            imageLeft++;
          }
        }
      }
      double share = imageLeft / (double) n;
      // Radiological convention: the patient's right is on the image left.
      side =
          Math.min(share, 1 - share) >= MIDLINE_SHARE ? "midline" : share > 0.5 ? "right" : "left";
      a.put("loc.side", side);
    }
    if (f.hasLungs()) {
      SampleFrame.Part lung =
          side == null || side.equals("midline") ? null : f.part(side + " lung");
      Box box = lung != null ? lung.roi().box() : lungsBox(f);
      if (box == null) {
        return;
      }
      double t = clamp((g.cy() + 0.5 - box.y0()) / box.height());
      a.put("loc.zone", t < 1.0 / 3 ? "upper" : t < 2.0 / 3 ? "middle" : "lower");
      if (lung != null) {
        double centre = (box.x0() + box.x1()) / 2.0;
        boolean lateral = side.equals("right") ? g.cx() + 0.5 < centre : g.cx() + 0.5 > centre;
        if (t < APEX_SHARE) {
          a.put("loc.region", "apex");
        } else if (t > 1 - APEX_SHARE && lateral) {
          a.put("loc.region", "costophrenic angle");
        }
      }
    } else {
      Box c = f.content();
      double fx = clamp((g.cx() + 0.5 - c.x0()) / c.width());
      double fy = clamp((g.cy() + 0.5 - c.y0()) / c.height());
      String v = fy < 1.0 / 3 ? "upper" : fy < 2.0 / 3 ? "middle" : "lower";
      String hz = fx < 1.0 / 3 ? "left" : fx < 2.0 / 3 ? "centre" : "right";
      a.put("loc.grid", v + " " + hz);
    }
  }

  private static Box lungsBox(SampleFrame f) {
    Box b = null;
    for (String side : new String[] {"right", "left"}) {
      SampleFrame.Part p = f.part(side + " lung");
      if (p != null) {
        Box o = p.roi().box();
        b =
            b == null
                ? o
                : new Box(
                    Math.min(b.x0(), o.x0()),
                    Math.min(b.y0(), o.y0()),
                    Math.max(b.x1(), o.x1()),
                    Math.max(b.y1(), o.y1()));
      }
    }
    return b;
  }

  /** The non-bone anatomy sharing most pixels with the ROI (bones only overlay in projection). */
  private static SampleFrame.Part container(SampleFrame f, byte[] m) {
    SampleFrame.Part best = null;
    int bestOverlap = 0;
    for (SampleFrame.Part p : f.anatomy()) {
      if (BONES.contains(p.roi().label().toLowerCase(Locale.ROOT))) {
        continue;
      }
      int o = overlap(m, p.mask());
      if (o > bestOverlap) {
        bestOverlap = o;
        best = p;
      }
    }
    return best;
  }

  private static int overlap(byte[] a, byte[] b) {
    int o = 0;
    for (int i = 0; i < a.length; i++) {
      o += a[i] & b[i];
    }
    return o;
  }

  private static void intensity(SampleFrame f, byte[] m, int[] d, Map<String, String> a) {
    byte[] px = f.gray().pixels();
    double in = 0;
    double in2 = 0;
    long nIn = 0;
    double ring = 0;
    long nRing = 0;
    for (int i = 0; i < m.length; i++) {
      int v = px[i] & 0xff;
      if (m[i] != 0) {
        in += v;
        in2 += (double) v * v;
        nIn++;
      } else if (d[i] >= RING_IN && d[i] <= RING_OUT && v > SampleFrame.PADDING_LEVEL) {
        ring += v;
        nRing++;
      }
    }
    double mean = in / nIn;
    double std = Math.sqrt(Math.max(0, in2 / nIn - mean * mean));
    a.put("intensity.mean", num(mean));
    a.put("texture.std", num(std));
    a.put("texture", std > TEXTURE_THRESHOLD ? "heterogeneous" : "homogeneous");
    if (nRing > 0) {
      double diff = mean - ring / nRing;
      String stem = stem(f.sample().modality());
      a.put("intensity.contrast", num(diff));
      a.put(
          "intensity.relative",
          (diff > INTENSITY_THRESHOLD ? "hyper" : diff < -INTENSITY_THRESHOLD ? "hypo" : "iso")
              + stem);
    }
  }

  /** Intensity word stem by modality: density (x-ray, CT), signal (MR), echo (US). */
  static String stem(String modality) {
    return switch (modality.toUpperCase(Locale.ROOT)) {
      case "MR" -> "intense";
      case "US" -> "echoic";
      default -> "dense";
    };
  }

  private static double clamp(double t) {
    return Math.max(0, Math.min(0.999999, t));
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
