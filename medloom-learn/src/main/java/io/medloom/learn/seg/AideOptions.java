package io.medloom.learn.seg;

import static io.medloom.core.Checks.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * AIDE's constants (defaults as its breast/CHAOS scripts have them).
 *
 * @param warmupEpochs E_w of the ramp r = min((epoch/E_w)², 1); labels are also updated every epoch
 *     of the warm-up
 * @param updateEvery after the warm-up, labels are updated every this many epochs
 * @param updateFraction share of the non-expert samples relabelled at an update (lowest Dice first)
 * @param cleanFraction share of a batch treated as clean (lowest peer loss first)
 * @param consistencyWeight weight of the confidence-weighted consistency term
 * @param augmentations flip/rotation copies averaged into a pseudo-label
 * @param rotationDegrees their rotation is drawn in ±this
 * @param lrFactor the two networks start from the supervised model and fine-tune at this share of
 *     the preset's learning rate (at the full rate the warm start was lost within a few epochs)
 */
public record AideOptions(
    @JsonProperty("warmup_epochs") int warmupEpochs,
    @JsonProperty("update_every") int updateEvery,
    @JsonProperty("update_fraction") double updateFraction,
    @JsonProperty("clean_fraction") double cleanFraction,
    @JsonProperty("consistency_weight") double consistencyWeight,
    int augmentations,
    @JsonProperty("rotation_degrees") double rotationDegrees,
    @JsonProperty("lr_factor") double lrFactor) {

  public static final AideOptions DEFAULTS = new AideOptions(20, 10, 0.25, 0.5, 10.0, 4, 60, 0.1);

  public AideOptions {
    checkArgument(warmupEpochs >= 1, "warm-up epochs must be >= 1: %s", warmupEpochs);
    checkArgument(updateEvery >= 1, "update interval must be >= 1: %s", updateEvery);
    checkArgument(
        updateFraction >= 0 && updateFraction <= 1,
        "update fraction not in [0,1]: %s",
        updateFraction);
    checkArgument(
        cleanFraction > 0 && cleanFraction <= 1, "clean fraction not in (0,1]: %s", cleanFraction);
    checkArgument(consistencyWeight >= 0, "consistency weight must be >= 0: %s", consistencyWeight);
    checkArgument(augmentations >= 1, "augmentations must be >= 1: %s", augmentations);
    checkArgument(
        rotationDegrees >= 0 && rotationDegrees <= 180,
        "rotation must be in [0,180]: %s",
        rotationDegrees);
    checkArgument(lrFactor > 0 && lrFactor <= 1, "lr factor not in (0,1]: %s", lrFactor);
  }

  /** r(epoch) = min((epoch / E_w)², 1), epoch 1-based. */
  public double ramp(int epoch) {
    double x = epoch / (double) warmupEpochs;
    return Math.min(x * x, 1);
  }

  /** Labels are updated after every warm-up epoch and then every {@code updateEvery} epochs. */
  public boolean updatesAfter(int epoch) {
    return epoch <= warmupEpochs || epoch % updateEvery == 0;
  }
}
