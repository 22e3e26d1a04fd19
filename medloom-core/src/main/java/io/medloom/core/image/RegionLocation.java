package io.medloom.core.image;

import io.medloom.core.model.Box;
import io.medloom.core.model.Roi;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a region lies in its image: patient side, lung zone and region, or the 3x3 image grid. One
 * rule for everyone who needs it: the annotator writes it as {@code attr.loc.*} and puts it into
 * words; {@code verify} recomputes it from the stored mask and checks those words against it.
 *
 * <p>The rule, with A the region's pixel count and (cx, cy) its centroid (pixel centres):
 *
 * <ul>
 *   <li><b>Side</b> (frontal views only, {@link #FRONTAL_VIEWS}): the share of the region's pixels
 *       left of the midline in the image (x + 0.5 &lt; midline x; the midline is the centre of the
 *       spine's box, else the mediastinum's, else the content's). A minority share of at least
 *       {@link #MIDLINE_SHARE} is {@code midline}; otherwise the image-left side is the patient's
 *       {@code right} (radiological convention) and the image-right side {@code left}.
 *   <li><b>Zone</b> (when a lung mask exists): t = (cy + 0.5 - y0) / height of the region's own
 *       lung box (its side's lung; both lungs' box for midline, sideless or one-lung cases), thirds
 *       {@code upper / middle / lower}. <b>Region</b>, own lung only: {@code apex} when t &lt;
 *       {@link #APEX_SHARE}; {@code costophrenic angle} when t &gt; 1 - {@link #APEX_SHARE} and the
 *       centroid is in the lateral half of that lung.
 *   <li><b>Grid</b> (no lungs): thirds of the non-padding content box in x and y, e.g. {@code upper
 *       left}; {@code middle centre} in the middle.
 * </ul>
 *
 * <p>Confidence of these words, in [0.5, 1]: each word is a threshold on a measured value, and a
 * value near its threshold could as well have fallen on the other side. With s = sqrt(A / pi), the
 * radius of a disc of the region's area, every decision contributes {@code 0.5 + 0.5 * min(1, d /
 * s)} where d is the distance in pixels from the centroid to the decision's border (zone borders at
 * 1/3 and 2/3 of the lung box; apex and costophrenic rows at 0.15 and 0.85; the lung's vertical
 * centre line for "lateral"; grid lines) — 0.5 for a centroid on a border (a coin toss), 1 when the
 * region would have to move by its own radius to change word. The side word's decision is on the
 * pixel share q = min(share, 1 - share) against {@link #MIDLINE_SHARE}: {@code 0.5 + 0.5 * min(1,
 * |q - 0.25| / 0.25)}. The location confidence is the smallest over the decisions taken.
 */
public final class RegionLocation {
  /** Views whose image left is the patient's right. */
  public static final Set<String> FRONTAL_VIEWS =
      Set.of("PA", "AP", "AP SUPINE", "AP ERECT", "FRONTAL");

  /**
   * A side with at least this share of the region's pixels makes the region straddle the midline.
   */
  public static final double MIDLINE_SHARE = 0.25;

  /** Top / bottom share of a lung's height called apex / costophrenic angle. */
  public static final double APEX_SHARE = 0.15;

  /** Padding is pure black after standardization; 4 levels of slack absorb resampling ringing. */
  public static final int PADDING_LEVEL = 4;

  public static final List<String> ZONES = List.of("upper", "middle", "lower");

  private RegionLocation() {}

  /**
   * What regions of one image are located against.
   *
   * @param frontal the view has the radiological left/right convention
   * @param midlineX image x of the patient midline (frontal views)
   * @param rightLung box of the region labelled "right lung", if any
   * @param leftLung box of the region labelled "left lung", if any
   * @param content the non-padding content box; present when the grid or the midline needs it
   */
  public record Frame(
      boolean frontal,
      double midlineX,
      Optional<Box> rightLung,
      Optional<Box> leftLung,
      Optional<Box> content) {
    public boolean hasLungs() {
      return rightLung.isPresent() || leftLung.isPresent();
    }

    Optional<Box> lung(String side) {
      return side.equals("right") ? rightLung : side.equals("left") ? leftLung : Optional.empty();
    }
  }

  /**
   * The frame of an image from its view and regions (matched by label: {@code spine}, {@code
   * mediastinum}, {@code right lung}, {@code left lung}, first of each in list order). The image is
   * only read when the content box is needed: a frontal view without spine or mediastinum, or an
   * image without lungs.
   */
  public static Frame frame(String view, List<Roi> rois, Supplier<Raster> image) {
    return frameOf(view, rois.stream().map(r -> new Labelled(r.label(), r.box())).toList(), image);
  }

  /** A region's label and box: all {@link #frameOf} needs of it (e.g. read from a stored row). */
  public record Labelled(String label, Box box) {}

  /** {@link #frame} from labels and boxes. */
  public static Frame frameOf(String view, List<Labelled> rois, Supplier<Raster> image) {
    boolean frontal = FRONTAL_VIEWS.contains(view.toUpperCase(Locale.ROOT).strip());
    Optional<Box> spine = box(rois, "spine").or(() -> box(rois, "mediastinum"));
    Optional<Box> right = box(rois, "right lung");
    Optional<Box> left = box(rois, "left lung");
    boolean needContent = (frontal && spine.isEmpty()) || (right.isEmpty() && left.isEmpty());
    Optional<Box> content = needContent ? Optional.of(contentBox(image.get())) : Optional.empty();
    double mid =
        spine
            .or(() -> content)
            .map(b -> (b.x0() + b.x1()) / 2.0)
            .orElse(Double.NaN); // not frontal and no anatomy: no side is computed
    return new Frame(frontal, mid, right, left, content);
  }

  private static Optional<Box> box(List<Labelled> rois, String label) {
    return rois.stream()
        .filter(r -> r.label().equalsIgnoreCase(label))
        .findFirst()
        .map(Labelled::box);
  }

  /** A 0/1 row-major mask of a box (the region of an ROI that has no exact mask). */
  public static byte[] fill(Box b, int w, int h) {
    byte[] m = new byte[w * h];
    for (int y = Math.max(0, b.y0()); y < Math.min(h, b.y1()); y++) {
      java.util.Arrays.fill(m, y * w + Math.max(0, b.x0()), y * w + Math.min(w, b.x1()), (byte) 1);
    }
    return m;
  }

  /** Bounding box of the pixels brighter than padding (channel 0 of the gray image). */
  public static Box contentBox(Raster image) {
    Raster g = image.toGray();
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

  /** The zone of a relative height t in [0, 1) of a lung box. */
  public static String zone(double t) {
    return ZONES.get(t < 1.0 / 3 ? 0 : t < 2.0 / 3 ? 1 : 2);
  }

  /**
   * A region's location; fields are "" when they do not apply.
   *
   * @param side {@code right | left | midline} (frontal views)
   * @param zone {@code upper | middle | lower} (images with lungs)
   * @param region {@code apex | costophrenic angle} or ""
   * @param grid e.g. {@code upper left} (images without lungs)
   * @param confidence how far the region is from changing any of these words (class comment)
   */
  public record Location(String side, String zone, String region, String grid, double confidence) {}

  /** The location of a 0/1 row-major mask of the frame's image size; empty for an empty mask. */
  public static Optional<Location> of(byte[] mask, int width, Frame f) {
    long n = 0;
    long imageLeft = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i] != 0) {
        int x = i % width;
        n++;
        sx += x;
        sy += i / width;
        if (x + 0.5 < f.midlineX()) {
          imageLeft++;
        }
      }
    }
    if (n == 0) {
      return Optional.empty();
    }
    double cx = sx / n + 0.5;
    double cy = sy / n + 0.5;
    double radius = Math.max(1, Math.sqrt(n / Math.PI));
    double conf = 1;
    String side = "";
    if (f.frontal()) {
      double share = imageLeft / (double) n;
      double q = Math.min(share, 1 - share);
      // Radiological convention: the patient's right is on the image left.
      side = q >= MIDLINE_SHARE ? "midline" : share > 0.5 ? "right" : "left";
      conf = Math.min(conf, margin(Math.abs(q - MIDLINE_SHARE) / MIDLINE_SHARE));
    }
    String zone = "";
    String region = "";
    String grid = "";
    if (f.hasLungs()) {
      Optional<Box> own = f.lung(side);
      Box box = own.orElseGet(() -> union(f.rightLung(), f.leftLung()));
      double t = clamp((cy - box.y0()) / box.height());
      zone = zone(t);
      double h = box.height();
      conf =
          Math.min(
              conf,
              margin(
                  Math.min(Math.abs(cy - box.y0() - h / 3), Math.abs(cy - box.y0() - 2 * h / 3))
                      / radius));
      if (own.isPresent()) {
        double centre = (box.x0() + box.x1()) / 2.0;
        boolean lateral = side.equals("right") ? cx < centre : cx > centre;
        double toApex = Math.abs(cy - box.y0() - APEX_SHARE * h);
        double toBase = Math.abs(cy - box.y0() - (1 - APEX_SHARE) * h);
        double toCentre = Math.abs(cx - centre);
        boolean low = t > 1 - APEX_SHARE;
        if (t < APEX_SHARE) {
          region = "apex";
        } else if (low && lateral) {
          region = "costophrenic angle";
        }
        // Costophrenic = low and lateral: when it holds, either condition failing changes the
        // word; when it does not, every failing condition must change.
        double toCorner =
            low && lateral
                ? Math.min(toBase, toCentre)
                : Math.max(low ? 0 : toBase, lateral ? 0 : toCentre);
        conf = Math.min(conf, margin(Math.min(toApex, toCorner) / radius));
      }
    } else {
      Box c = f.content().orElseThrow();
      double fx = clamp((cx - c.x0()) / c.width());
      double fy = clamp((cy - c.y0()) / c.height());
      String v = fy < 1.0 / 3 ? "upper" : fy < 2.0 / 3 ? "middle" : "lower";
      String hz = fx < 1.0 / 3 ? "left" : fx < 2.0 / 3 ? "centre" : "right";
      grid = v + " " + hz;
      double dx =
          Math.min(
              Math.abs(cx - c.x0() - c.width() / 3.0), Math.abs(cx - c.x0() - 2 * c.width() / 3.0));
      double dy =
          Math.min(
              Math.abs(cy - c.y0() - c.height() / 3.0),
              Math.abs(cy - c.y0() - 2 * c.height() / 3.0));
      conf = Math.min(conf, margin(Math.min(dx, dy) / radius));
    }
    return Optional.of(new Location(side, zone, region, grid, conf));
  }

  /** 0.5 on a decision border, rising linearly to 1 at one unit (radius, share) away from it. */
  public static double margin(double units) {
    return 0.5 + 0.5 * Math.min(1, Math.max(0, units));
  }

  private static Box union(Optional<Box> a, Optional<Box> b) {
    if (a.isEmpty()) {
      return b.orElseThrow();
    }
    if (b.isEmpty()) {
      return a.get();
    }
    Box x = a.get();
    Box y = b.get();
    return new Box(
        Math.min(x.x0(), y.x0()),
        Math.min(x.y0(), y.y0()),
        Math.max(x.x1(), y.x1()),
        Math.max(x.y1(), y.y1()));
  }

  private static double clamp(double t) {
    return Math.max(0, Math.min(0.999999, t));
  }
}
