package io.medloom.learn.seg;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.Set;

/**
 * A segmentation training run.
 *
 * @param method {@code supervised} or {@code aide}
 * @param roiLabels region labels that make the target (empty: every region from a mask)
 * @param labelFraction share of the training patients whose masks are used
 * @param noise share of the used masks corrupted ({@link Corruption})
 * @param withEmpty keep images without a matching region (empty target)
 * @param views only images of these views (e.g. PA, AP); empty: every image
 * @param appearance how strongly the training images' look is randomised
 */
public record SegConfig(
    Path dataset,
    Path out,
    String method,
    SegPreset preset,
    SplitScheme scheme,
    Set<String> roiLabels,
    double labelFraction,
    double noise,
    boolean withEmpty,
    AideOptions aide,
    long seed,
    Set<String> views,
    Appearance appearance) {
  public SegConfig {
    notNull(dataset, "dataset");
    notNull(out, "output folder");
    checkArgument(
        method.equals("supervised") || method.equals("aide"),
        "method must be supervised or aide: '%s'",
        method);
    checkArgument(
        labelFraction > 0 && labelFraction <= 1, "label fraction not in (0,1]: %s", labelFraction);
    checkArgument(noise >= 0 && noise <= 1, "noise not in [0,1]: %s", noise);
    roiLabels = Set.copyOf(roiLabels);
    views = Set.copyOf(views);
    notNull(appearance, "appearance");
  }

  /** Every view, the standard appearance. */
  public SegConfig(
      Path dataset,
      Path out,
      String method,
      SegPreset preset,
      SplitScheme scheme,
      Set<String> roiLabels,
      double labelFraction,
      double noise,
      boolean withEmpty,
      AideOptions aide,
      long seed) {
    this(
        dataset,
        out,
        method,
        preset,
        scheme,
        roiLabels,
        labelFraction,
        noise,
        withEmpty,
        aide,
        seed,
        Set.of(),
        Appearance.STANDARD);
  }

  public SegConfig withOut(Path o, String m, double fraction) {
    return new SegConfig(
        dataset,
        o,
        m,
        preset,
        scheme,
        roiLabels,
        fraction,
        noise,
        withEmpty,
        aide,
        seed,
        views,
        appearance);
  }

  public SegConfig withSeed(long s) {
    return new SegConfig(
        dataset,
        out,
        method,
        preset,
        scheme,
        roiLabels,
        labelFraction,
        noise,
        withEmpty,
        aide,
        s,
        views,
        appearance);
  }
}
