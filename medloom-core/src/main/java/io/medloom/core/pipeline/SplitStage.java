package io.medloom.core.pipeline;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.model.Identity;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Split;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Assigns train/val/test from the patient alone, so every image of a patient lands in one split
 * (patient-disjoint by construction). The draw is a hash of (seed, source kind, patient id): the
 * same seed gives the same split in every build and on every engine, with no state to share between
 * workers. It runs before de-identification; only the split, never the id, leaves this stage.
 *
 * <p>The source's location is left out on purpose, as the sample ids leave it out ({@link
 * io.medloom.core.source.SampleIds}): a folder moved, mounted elsewhere or cloned beside another
 * checkout keeps every patient's split, so a model trained on one build is never tested on its own
 * training patients of a build made at another path. A patient id that two sources of one kind
 * share (two copies of a collection) lands in one split, which keeps such a patient on one side
 * too.
 */
public final class SplitStage implements Stage.OneToOne {
  private final long seed;
  private final double valFraction;
  private final double testFraction;

  public SplitStage(long seed, double valFraction, double testFraction) {
    checkArgument(
        valFraction >= 0 && valFraction < 1, "val fraction not in [0,1): %s", valFraction);
    checkArgument(
        testFraction >= 0 && testFraction < 1, "test fraction not in [0,1): %s", testFraction);
    checkArgument(
        valFraction + testFraction < 1,
        "val + test must leave room for train: %s + %s",
        valFraction,
        testFraction);
    this.seed = seed;
    this.valFraction = valFraction;
    this.testFraction = testFraction;
  }

  public Stage asStage() {
    return Stage.of("split", this);
  }

  @Override
  public Sample apply(Sample sample) {
    Identity id =
        sample
            .identity()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "split needs the patient id; it was already removed"));
    return sample.withSplit(splitOf(sample.source(), id.patientId()));
  }

  /** The split of one patient of one source ({@code kind:location}; only the kind is drawn on). */
  public Split splitOf(String source, String patientId) {
    int colon = source.indexOf(':');
    double u = uniform(colon < 0 ? source : source.substring(0, colon), patientId);
    if (u < testFraction) {
      return Split.TEST;
    }
    if (u < testFraction + valFraction) {
      return Split.VAL;
    }
    return Split.TRAIN;
  }

  private double uniform(String kind, String patientId) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] h =
          md.digest(
              ("medloom-split\u0000" + seed + "\u0000" + kind + "\u0000" + patientId)
                  .getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(h).getLong() >>> 11; // 53 random bits
      return bits / (double) (1L << 53);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
