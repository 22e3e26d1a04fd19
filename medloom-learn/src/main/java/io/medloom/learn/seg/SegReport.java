package io.medloom.learn.seg;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@code eval seg} writes: per-metric mean with its bootstrap 95% interval, and per sample.
 *
 * @param leftOut rows of the split without a region of the model's labels (not scored)
 * @param overlays overlay PNGs of the best and the worst case (by Dice)
 */
public record SegReport(
    String model,
    String dataset,
    String split,
    int read,
    int samples,
    @JsonProperty("left_out_without_region") int leftOut,
    @JsonProperty("left_out_blank") int blank,
    Stat dice,
    Stat iou,
    Stat hd95,
    @JsonProperty("per_sample") List<PerSample> perSample,
    List<String> overlays) {

  /** A metric's mean over samples with the bootstrap 95% interval (1000 resamples). */
  public record Stat(double mean, double[] ci95) {}

  /** One image's scores; HD95 in pixels of the stored image. */
  public record PerSample(String id, double dice, double iou, double hd95) {}
}
