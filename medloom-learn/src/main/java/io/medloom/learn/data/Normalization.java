package io.medloom.learn.data;

import static io.medloom.core.Checks.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Input and target scaling fixed at training time and kept with the model: pixels become {@code
 * (v/255 - mean) / std}; regression targets {@code (y - targetMean) / targetStd}.
 */
public record Normalization(
    double mean,
    double std,
    @JsonProperty("target_mean") double targetMean,
    @JsonProperty("target_std") double targetStd) {
  public Normalization {
    checkArgument(std > 0 && targetStd > 0, "normalization std must be positive");
  }

  public static final Normalization UNIT = new Normalization(0, 1, 0, 1);
}
