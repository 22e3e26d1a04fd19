package io.medloom.learn.clip;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import io.medloom.learn.Preset;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;

/**
 * A vision–language pre-training run.
 *
 * @param maxTokens tokens per text, {@code [CLS]}/{@code [SEP]} included
 * @param vocabulary the WordPiece vocabulary's size limit
 * @param imageInit a TorchScript file the image tower starts from, or null
 * @param textInit a TorchScript file the text tower starts from, or null
 * @param hardNegatives add a counterfactual of each report as a hard negative text (see {@link
 *     Counterfactuals}); samples whose texts were composed from labels get none
 * @param regionWeight weight of ASG's region–sentence term (0 turns it off; only {@code asg} has
 *     one)
 * @param textMarks how texts are rewritten before tokenizing (see {@link TextMarks})
 */
public record ClipConfig(
    Path dataset,
    Preset preset,
    ClipLoss loss,
    SplitScheme scheme,
    Path out,
    long seed,
    int loaderThreads,
    int maxTokens,
    int vocabulary,
    Path imageInit,
    Path textInit,
    boolean hardNegatives,
    double regionWeight,
    TextMarks textMarks) {
  public static final int DEFAULT_MAX_TOKENS = 64;
  public static final int DEFAULT_VOCABULARY = 4000;
  public static final double DEFAULT_REGION_WEIGHT = 1.0;

  public ClipConfig {
    notNull(dataset, "dataset");
    notNull(preset, "preset");
    notNull(loss, "loss");
    notNull(scheme, "split scheme");
    notNull(out, "output folder");
    notNull(textMarks, "text marks");
    checkArgument(loaderThreads >= 1, "loader threads must be >= 1: %s", loaderThreads);
    checkArgument(maxTokens >= 8 && maxTokens <= 512, "max tokens must be in 8..512");
    checkArgument(vocabulary >= 64, "vocabulary must be >= 64: %s", vocabulary);
    checkArgument(
        regionWeight >= 0 && Double.isFinite(regionWeight),
        "region weight must be >= 0: %s",
        regionWeight);
  }

  /** Whether training pools described regions (ASG with a positive region weight). */
  public boolean regions() {
    return loss == ClipLoss.ASG && regionWeight > 0;
  }

  /**
   * A run whose towers start from random weights, without hard negatives or text marks, with ASG's
   * default region weight.
   */
  public ClipConfig(
      Path dataset,
      Preset preset,
      ClipLoss loss,
      SplitScheme scheme,
      Path out,
      long seed,
      int loaderThreads,
      int maxTokens,
      int vocabulary) {
    this(
        dataset,
        preset,
        loss,
        scheme,
        out,
        seed,
        loaderThreads,
        maxTokens,
        vocabulary,
        null,
        null,
        false,
        DEFAULT_REGION_WEIGHT,
        TextMarks.NONE);
  }
}
