package io.medloom.core.transform;

import static io.medloom.core.Checks.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Training-time augmentation, as a preset states it. Every random choice is drawn from the
 * generator a loader passes in, so a (seed, epoch, sample) triple always gives the same image.
 *
 * @param cropScaleMin random resized crop: the crop keeps between this fraction of the area and all
 *     of it (1 = no crop, only the resize)
 * @param cropRatio the crop's aspect ratio lies in [1/r, r]
 * @param rotationDegrees rotation drawn uniformly in ±this
 * @param brightness brightness shift drawn in ±this (fraction of the gray range)
 * @param contrast contrast factor drawn in [1-c, 1+c]
 * @param gamma gamma drawn in [exp(-g), exp(g)]
 * @param claheProbability probability of contrast-limited adaptive equalisation (8x8 tiles)
 * @param noiseSigma Gaussian noise, in gray levels (0 = none)
 * @param horizontalFlip flip left-right half of the time, only where {@link #flipIsSafe} says so
 */
public record Augmentation(
    @JsonProperty("crop_scale_min") double cropScaleMin,
    @JsonProperty("crop_ratio") double cropRatio,
    @JsonProperty("rotation_degrees") double rotationDegrees,
    double brightness,
    double contrast,
    double gamma,
    @JsonProperty("clahe_probability") double claheProbability,
    @JsonProperty("noise_sigma") double noiseSigma,
    @JsonProperty("horizontal_flip") boolean horizontalFlip) {

  public static final Augmentation NONE = new Augmentation(1, 1, 0, 0, 0, 0, 0, 0, false);

  /**
   * Modalities where a mirrored image is still a true image of the same class: slide microscopy,
   * other microscopy and photographs (skin, wounds). Everywhere else left and right mean something
   * — on a chest film a flip puts the heart on the patient's right and swaps the sides that labels,
   * regions and descriptions name — so flipping is refused.
   */
  private static final Set<String> FLIP_SAFE_MODALITIES = Set.of("SM", "GM", "XC");

  public Augmentation {
    checkArgument(
        cropScaleMin > 0 && cropScaleMin <= 1, "crop_scale_min must be in (0,1]: %s", cropScaleMin);
    checkArgument(cropRatio >= 1, "crop_ratio must be >= 1: %s", cropRatio);
    checkArgument(
        rotationDegrees >= 0 && rotationDegrees <= 45,
        "rotation_degrees must be in [0,45]: %s",
        rotationDegrees);
    checkArgument(brightness >= 0 && brightness < 1, "brightness must be in [0,1): %s", brightness);
    checkArgument(contrast >= 0 && contrast < 1, "contrast must be in [0,1): %s", contrast);
    checkArgument(gamma >= 0 && gamma <= 1, "gamma must be in [0,1]: %s", gamma);
    checkArgument(
        claheProbability >= 0 && claheProbability <= 1,
        "clahe_probability must be in [0,1]: %s",
        claheProbability);
    checkArgument(noiseSigma >= 0, "noise_sigma must be >= 0: %s", noiseSigma);
  }

  /** True when every modality of a dataset is one where mirroring keeps the meaning. */
  public static boolean flipIsSafe(Collection<String> modalities) {
    return !modalities.isEmpty()
        && modalities.stream()
            .allMatch(m -> FLIP_SAFE_MODALITIES.contains(m.toUpperCase(Locale.ROOT)));
  }

  /**
   * The training transform to {@code size x size}: random resized crop, rotation, flip (only when
   * {@code flipSafe}), brightness/contrast/gamma, CLAHE, noise — in that order.
   */
  public RandomTransform training(int size, boolean flipSafe) {
    RandomTransform t = resizedCrop(size);
    if (rotationDegrees > 0) {
      t = t.then((in, rng) -> Geometry.rotate(in, uniform(rng, -rotationDegrees, rotationDegrees)));
    }
    if (horizontalFlip && flipSafe) {
      t = t.then(((RandomTransform) (in, rng) -> Geometry.flipHorizontal(in)).withProbability(0.5));
    }
    if (brightness > 0 || contrast > 0 || gamma > 0) {
      t =
          t.then(
              (in, rng) ->
                  in.withImage(
                      Intensity.adjust(
                          in.image(),
                          uniform(rng, -brightness, brightness),
                          uniform(rng, 1 - contrast, 1 + contrast),
                          Math.exp(uniform(rng, -gamma, gamma)))));
    }
    if (claheProbability > 0) {
      RandomTransform clahe = (in, rng) -> in.withImage(Intensity.clahe(in.image(), 8, 2.0));
      t = t.then(clahe.withProbability(claheProbability));
    }
    if (noiseSigma > 0) {
      t = t.then((in, rng) -> in.withImage(Intensity.noise(in.image(), noiseSigma, rng)));
    }
    return t;
  }

  /** The evaluation transform: the resize only, no randomness. */
  public static RandomTransform evaluation(int size) {
    return (in, rng) -> Geometry.resize(in, size, size);
  }

  private RandomTransform resizedCrop(int size) {
    checkArgument(size > 0, "size must be positive: %s", size);
    if (cropScaleMin >= 1 && cropRatio <= 1) {
      return evaluation(size);
    }
    return (in, rng) -> {
      int w = in.image().width();
      int h = in.image().height();
      double area = w * (double) h * uniform(rng, cropScaleMin, 1);
      double logR = Math.log(cropRatio);
      double ratio = Math.exp(uniform(rng, -logR, logR));
      int cw = (int) Math.round(Math.sqrt(area * ratio));
      int ch = (int) Math.round(Math.sqrt(area / ratio));
      cw = Math.max(1, Math.min(w, cw));
      ch = Math.max(1, Math.min(h, ch));
      int x0 = rng.nextInt(w - cw + 1);
      int y0 = rng.nextInt(h - ch + 1);
      return Geometry.resize(Geometry.crop(in, x0, y0, cw, ch), size, size);
    };
  }

  private static double uniform(java.util.SplittableRandom rng, double lo, double hi) {
    return hi <= lo ? lo : lo + rng.nextDouble() * (hi - lo);
  }
}
