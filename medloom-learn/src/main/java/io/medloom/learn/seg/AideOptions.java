package io.medloom.learn.seg;

import static io.medloom.core.Checks.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * AIDE's constants (defaults as its breast/CHAOS scripts have them).
 *
 * @param warmupEpochs E_w of the ramp r = min((e/E_w)², 1) with e the 0-based epoch (AIDE's
 *     scripts: the first epoch has r = 0, r reaches 1 in epoch E_w + 1); labels are also updated
 *     after every epoch of the warm-up
 * @param updateEvery after the warm-up, labels are updated every this many epochs
 * @param updateFraction share of all training samples ranked lowest by Dice at an update; of these,
 *     the non-expert ones whose prediction is not empty take it as their label (as AIDE's scripts:
 *     expert labels and empty predictions are skipped, not replaced by the next in line)
 * @param cleanFraction share of a batch treated as clean (lowest peer loss first)
 * @param consistencyWeight weight of the confidence-weighted consistency term
 * @param augmentations flip/rotation copies averaged into a pseudo-label
 * @param rotationDegrees their rotation is drawn in ±this (default 10, the range of the standard
 *     training augmentation: AIDE's ±60° produces copies the networks never saw in training, and
 *     their mean on small lesions is low and uncertain)
 * @param lrFactor the AIDE phase trains at this share of the preset's learning rate (AIDE's breast
 *     and kidney scripts: 1e-5 against their supervised scripts' 1e-4)
 * @param fromScratch false: both networks start from the supervised model's weights (AIDE's kidney
 *     script, which starts from a trained model); true: from two different random initialisations
 *     (its breast script). Either way the unlabelled samples' first labels are the supervised
 *     model's predictions. (Named so that a model file written before the option reads as false.)
 * @param starts 2: a second supervised start, trained like the first on the same labelled (and
 *     equally corrupted) masks but with the seed + 1 (other initial weights, data order and
 *     augmentation), into {@code OUT/init2}; network k and label set k start from start k (its
 *     weights, its predictions for the unlabelled samples), so the two networks begin with
 *     different errors and each has a second opinion to learn from. 1: both from the one start
 *     (AIDE's kidney script). 0, as read from a model file written before the option, means 1.
 */
public record AideOptions(
    @JsonProperty("warmup_epochs") int warmupEpochs,
    @JsonProperty("update_every") int updateEvery,
    @JsonProperty("update_fraction") double updateFraction,
    @JsonProperty("clean_fraction") double cleanFraction,
    @JsonProperty("consistency_weight") double consistencyWeight,
    int augmentations,
    @JsonProperty("rotation_degrees") double rotationDegrees,
    @JsonProperty("lr_factor") double lrFactor,
    @JsonProperty("from_scratch") boolean fromScratch,
    int starts) {

  public static final AideOptions DEFAULTS =
      new AideOptions(20, 10, 0.25, 0.5, 10.0, 4, 10, 0.1, false, 2);

  public AideOptions {
    starts = starts == 0 ? 1 : starts;
    checkArgument(starts == 1 || starts == 2, "starts must be 1 or 2: %s", starts);
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

  /** r = min(((epoch − 1) / E_w)², 1) for the 1-based epoch: AIDE's ramp over its 0-based one. */
  public double ramp(int epoch) {
    double x = (epoch - 1) / (double) warmupEpochs;
    return Math.min(x * x, 1);
  }

  /** Labels are updated after every warm-up epoch and then every {@code updateEvery} epochs. */
  public boolean updatesAfter(int epoch) {
    return epoch <= warmupEpochs || epoch % updateEvery == 0;
  }
}
