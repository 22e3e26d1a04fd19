package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import io.medloom.core.image.BitMask;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A region of interest.
 *
 * @param id unique within its sample
 * @param label what the region is (an anatomy or a finding)
 * @param box bounding box in pixels of the image it belongs to
 * @param mask exact mask at the image's size, when known
 * @param areaFraction region area / image area (mask pixels when a mask exists, else box area)
 * @param origin where the region came from: mask, box, model, atlas or annotator; a named model's
 *     regions say which model: {@code model:<name>}
 * @param confidence 1.0 for ground truth, a model's score otherwise
 * @param attributes free attributes, sorted by key (e.g. {@code truth.location})
 */
public record Roi(
    String id,
    String label,
    Box box,
    Optional<BitMask> mask,
    double areaFraction,
    String origin,
    double confidence,
    Map<String, String> attributes) {

  public static final Set<String> ORIGINS = Set.of("mask", "box", "model", "atlas", "annotator");

  public Roi {
    notBlank(id, "roi id");
    notBlank(label, "roi label");
    notNull(box, "roi box");
    notNull(mask, "roi mask");
    notNull(attributes, "roi attributes");
    checkArgument(
        ORIGINS.contains(origin) || isModel(origin),
        "roi origin must be one of %s or model:<name>: '%s'",
        ORIGINS,
        origin);
    checkArgument(
        areaFraction >= 0 && areaFraction <= 1, "roi area fraction not in [0,1]: %s", areaFraction);
    checkArgument(
        confidence >= 0 && confidence <= 1, "roi confidence not in [0,1]: %s", confidence);
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** True for {@code model} and {@code model:<name>} (a region a model proposed). */
  public static boolean isModel(String origin) {
    return origin.equals("model") || (origin.startsWith("model:") && origin.length() > 6);
  }

  /**
   * A region from an exact mask; box and area are derived from it. Returns empty for a blank mask.
   */
  public static Optional<Roi> fromMask(
      String id, String label, BitMask mask, String origin, Map<String, String> attributes) {
    return mask.bounds()
        .map(
            b ->
                new Roi(
                    id,
                    label,
                    b,
                    Optional.of(mask),
                    mask.count() / (double) (mask.width() * mask.height()),
                    origin,
                    1.0,
                    attributes));
  }
}
