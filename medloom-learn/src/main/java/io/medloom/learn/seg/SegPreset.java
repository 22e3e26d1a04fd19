package io.medloom.learn.seg;

import static io.medloom.core.Checks.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A U-Net recipe: the channels per level (their count is the depth: {@code widths.size() - 1}
 * poolings), the input side, and the optimisation.
 *
 * @param widths channels of each level, top (full resolution) first
 */
public record SegPreset(
    String name,
    List<Integer> widths,
    @JsonProperty("image_size") int imageSize,
    int batch,
    int epochs,
    double lr) {

  /** Built-in presets; {@code tiny} fits a phantom run in minutes on two cores. */
  public static final List<String> BUILT_IN = List.of("tiny", "small");

  public SegPreset {
    widths = List.copyOf(widths);
    checkArgument(widths.size() >= 2, "a U-Net needs at least two levels: %s", widths);
    checkArgument(widths.stream().allMatch(w -> w >= 1), "widths must be positive: %s", widths);
    int pool = 1 << (widths.size() - 1);
    checkArgument(
        imageSize >= 16 && imageSize % pool == 0,
        "image_size must be >= 16 and a multiple of 2^depth = %s: %s",
        pool,
        imageSize);
    checkArgument(batch >= 2, "batch must be >= 2: %s", batch);
    checkArgument(epochs >= 1, "epochs must be >= 1: %s", epochs);
    checkArgument(lr > 0 && lr < 1, "lr must be in (0,1): %s", lr);
  }

  public static SegPreset of(String name) {
    return switch (name) {
      case "tiny" -> new SegPreset("tiny", List.of(8, 16, 32, 64), 64, 8, 30, 2e-3);
      case "small" -> new SegPreset("small", List.of(16, 32, 64, 128, 256), 128, 8, 50, 1e-3);
      default ->
          throw new IllegalArgumentException(
              "unknown seg preset '" + name + "': built-in presets are " + BUILT_IN);
    };
  }

  public SegPreset with(List<Integer> w, Integer size, Integer b, Integer e, Double l) {
    return new SegPreset(
        name,
        w == null ? widths : w,
        size == null ? imageSize : size,
        b == null ? batch : b,
        e == null ? epochs : e,
        l == null ? lr : l);
  }
}
