package io.medloom.annotate;

import io.medloom.core.image.RegionLocation;
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
    boolean outlined = Anatomy.isModelAnatomy(r);
    if ((Anatomy.isAnatomy(r) && !outlined) || area == 0) {
      return a;
    }
    RoiGeometry g = RoiGeometry.of(m, w, h);
    RegionLocation.Location loc = RegionLocation.of(m, w, f.location()).orElseThrow();
    location(loc, a);
    if (outlined) {
      // Anatomy a model outlined gets its description checked: its location, nothing else.
      return a;
    }
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
    WordConfidence.put(a, loc, g, w * h, r);
    return a;
  }

  /** Side, zone/region (chest) or 3x3 grid (other images): {@link RegionLocation}'s rule. */
  private static void location(RegionLocation.Location loc, Map<String, String> a) {
    if (!loc.side().isEmpty()) {
      a.put("loc.side", loc.side());
    }
    if (!loc.zone().isEmpty()) {
      a.put("loc.zone", loc.zone());
    }
    if (!loc.region().isEmpty()) {
      a.put("loc.region", loc.region());
    }
    if (!loc.grid().isEmpty()) {
      a.put("loc.grid", loc.grid());
    }
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
      } else if (d[i] >= RING_IN && d[i] <= RING_OUT && v > RegionLocation.PADDING_LEVEL) {
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
      int sign = diff > INTENSITY_THRESHOLD ? 1 : diff < -INTENSITY_THRESHOLD ? -1 : 0;
      a.put("intensity.contrast", num(diff));
      a.put("intensity.relative", relative(sign, f.sample().modality()));
    }
  }

  /**
   * The intensity word of a region brighter (sign 1), darker (-1) or as bright (0) as its ring, in
   * the modality's own terms: density for x-ray modalities (CR, DX, CT, MG, XA, RF, PX, IO), signal
   * for MR, echo for US. Any other modality, or none recorded (OT, ""), gets the neutral {@code
   * brighter | darker | similar}: "hypodense" said of an ultrasound would be wrong.
   */
  static String relative(int sign, String modality) {
    String stem =
        switch (modality.toUpperCase(Locale.ROOT).strip()) {
          case "CR", "DX", "CT", "MG", "XA", "RF", "PX", "IO" -> "dense";
          case "MR" -> "intense";
          case "US" -> "echoic";
          default -> "";
        };
    if (stem.isEmpty()) {
      return sign > 0 ? "brighter" : sign < 0 ? "darker" : "similar";
    }
    return (sign > 0 ? "hyper" : sign < 0 ? "hypo" : "iso") + stem;
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
