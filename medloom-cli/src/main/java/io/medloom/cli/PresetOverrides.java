package io.medloom.cli;

import io.medloom.learn.Preset;
import picocli.CommandLine.Option;

/**
 * The four preset values every {@code train} command lets a user override. Each is null when not
 * given, so the preset's own value stands; one mixin keeps their names, help and meaning the same
 * across classify, clip and seg.
 */
final class PresetOverrides {
  @Option(names = "--epochs", description = "Epochs (default: the preset's).")
  Integer epochs;

  @Option(names = "--batch", description = "Batch size (default: the preset's).")
  Integer batch;

  @Option(names = "--lr", description = "Peak learning rate, cosine decay (default: the preset's).")
  Double lr;

  @Option(names = "--image-size", description = "Input side in pixels (default: the preset's).")
  Integer imageSize;

  /** The preset with every given value put in place of its own. */
  Preset applyTo(Preset p) {
    Preset out = p;
    if (epochs != null) {
      out = out.withEpochs(epochs);
    }
    if (batch != null) {
      out = out.withBatch(batch);
    }
    if (lr != null) {
      out = out.withLr(lr);
    }
    if (imageSize != null) {
      out = out.withImageSize(imageSize);
    }
    return out;
  }
}
