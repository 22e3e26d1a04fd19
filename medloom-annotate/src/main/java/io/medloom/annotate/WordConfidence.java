package io.medloom.annotate;

import static io.medloom.core.image.RegionLocation.margin;

import io.medloom.core.image.RegionLocation;
import io.medloom.core.model.Roi;
import java.util.Map;

/**
 * How sure the words said about a region are, stored next to the measurements as {@code
 * confidence.*} attributes (values in [0, 1], 1 = sure). Every word of a description is a threshold
 * on a measurement; a measurement near its threshold could as well have given the other word, so a
 * description is as doubtful as its closest call. Each part is {@code margin(u) = 0.5 + 0.5 *
 * min(1, u)}, u being the distance to the word's border in units that scale with the region:
 *
 * <ul>
 *   <li>{@code confidence.location}: side, zone, apex / costophrenic, grid; the centroid's distance
 *       to each border over the region's equivalent radius s = sqrt(area / pi), and the midline
 *       share's distance to 0.25 over 0.25 ({@link RegionLocation}).
 *   <li>{@code confidence.size}: the equivalent radius r against the radius r_t of the nearest
 *       size-word border ({@link Phrases#size}: 0.2%, 1%, 5%, 15% of the image); u = |r - r_t| /
 *       max(1 px, 0.1 r): a 10% change of radius (an outline drawn a little wider) must not change
 *       the word.
 *   <li>{@code confidence.shape}: circularity (borders 0.5, 0.8) and elongation (1.3, 2) against
 *       the borders on the path {@link Phrases#shape} takes, u = |value - border| / (0.1 border).
 *   <li>{@code confidence.intensity}: the contrast with the surrounding ring against +-{@value
 *       RoiAttributes#INTENSITY_THRESHOLD} gray levels, unit half of that threshold; {@code
 *       confidence.texture}: the inside standard deviation against {@value
 *       RoiAttributes#TEXTURE_THRESHOLD}, unit half of that.
 *   <li>{@code confidence.fragments}: the share of the drawn mask's pixels in this connected piece
 *       ({@code component_share}, written by {@link MaskComponents}; 1 for a mask in one piece).
 *       Two equal halves are 0.5 each: one lesion or two is a question for the reader.
 * </ul>
 *
 * <p>{@code confidence.words} is the smallest of these: the confidence of the region's {@code
 * desc.roi}. {@code confidence.relation} is that of "lies within" against "overlaps" (organ share
 * against 0.5, unit 0.25), for {@code desc.relation}. The review queue multiplies them with the
 * region's own confidence (a model's score; 1 for a drawn mask) and lists the lowest first.
 */
final class WordConfidence {
  static final double[] SIZE_BORDERS = {0.002, 0.01, 0.05, 0.15};

  private WordConfidence() {}

  static void put(
      Map<String, String> a, RegionLocation.Location loc, RoiGeometry g, int imagePixels, Roi r) {
    double location = loc.confidence();
    double size = size(g.area(), imagePixels);
    double shape = shape(g.circularity(), g.elongation());
    double intensity =
        a.containsKey("intensity.contrast")
            ? margin(
                Math.abs(Math.abs(d(a, "intensity.contrast")) - RoiAttributes.INTENSITY_THRESHOLD)
                    / (RoiAttributes.INTENSITY_THRESHOLD / 2))
            : 1;
    double texture =
        margin(
            Math.abs(d(a, "texture.std") - RoiAttributes.TEXTURE_THRESHOLD)
                / (RoiAttributes.TEXTURE_THRESHOLD / 2));
    double fragments = fragments(r);
    a.put("confidence.location", RoiAttributes.num(location));
    a.put("confidence.size", RoiAttributes.num(size));
    a.put("confidence.shape", RoiAttributes.num(shape));
    a.put("confidence.intensity", RoiAttributes.num(intensity));
    a.put("confidence.texture", RoiAttributes.num(texture));
    a.put("confidence.fragments", RoiAttributes.num(fragments));
    double words =
        Math.min(
            Math.min(location, size),
            Math.min(Math.min(shape, intensity), Math.min(texture, fragments)));
    a.put("confidence.words", RoiAttributes.num(words));
    if (a.containsKey("loc.organ_share")) {
      a.put(
          "confidence.relation",
          RoiAttributes.num(margin(Math.abs(d(a, "loc.organ_share") - 0.5) / 0.25)));
    }
  }

  /** Size word: equivalent radius against the nearest border's, unit max(1 px, 10% of r). */
  static double size(int area, int imagePixels) {
    double r = Math.sqrt(area / Math.PI);
    double closest = Double.MAX_VALUE;
    for (double border : SIZE_BORDERS) {
      closest = Math.min(closest, Math.abs(r - Math.sqrt(border * imagePixels / Math.PI)));
    }
    return margin(closest / Math.max(1, 0.1 * r));
  }

  /**
   * Shape word ({@link Phrases#shape}): irregular below circularity 0.5; else elongated from
   * elongation 2; else round when circularity >= 0.8 and elongation < 1.3, oval otherwise.
   */
  static double shape(double circularity, double elongation) {
    double c5 = rel(circularity, 0.5);
    if (circularity < 0.5) {
      return margin(c5);
    }
    double e2 = rel(elongation, 2);
    if (elongation >= 2) {
      return margin(Math.min(c5, e2));
    }
    double c8 = rel(circularity, 0.8);
    double e13 = rel(elongation, 1.3);
    boolean roundC = circularity >= 0.8;
    boolean roundE = elongation < 1.3;
    // Round needs both; losing either makes it oval. Oval flips to round only when every failing
    // condition flips.
    double roundness =
        roundC && roundE ? Math.min(c8, e13) : Math.max(roundC ? 0 : c8, roundE ? 0 : e13);
    return margin(Math.min(Math.min(c5, e2), roundness));
  }

  private static double rel(double value, double border) {
    return Math.abs(value - border) / (0.1 * border);
  }

  static double fragments(Roi r) {
    try {
      return Math.max(
          0,
          Math.min(1, Double.parseDouble(r.attributes().getOrDefault(MaskComponents.SHARE, "1"))));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static double d(Map<String, String> a, String key) {
    return Double.parseDouble(a.getOrDefault(key, "0"));
  }
}
