package io.medloom.core.source;

import static io.medloom.core.Checks.checkArgument;

/**
 * Build-wide settings a source may need.
 *
 * @param seed the build seed (the phantom draws its patients from it)
 * @param maxPixels largest image (width x height) a reader may decode; bigger headers are refused
 *     before any pixel memory is allocated, which stops decompression bombs
 * @param targetSize the side of the standardized output; a reader may decode a large image at a
 *     reduced scale (never below this) when the source carries no pixel-coordinate annotations, and
 *     0 asks for full resolution
 */
public record SourceContext(long seed, long maxPixels, int targetSize) {
  /** 16k x 16k: larger than any radiograph or slide level we standardize in one piece. */
  public static final long DEFAULT_MAX_PIXELS = 16_384L * 16_384L;

  public SourceContext {
    checkArgument(maxPixels > 0, "max pixels must be positive: %s", maxPixels);
    checkArgument(targetSize >= 0, "target size must be >= 0: %s", targetSize);
  }

  /** The memory budget every reader checks a file's declared size against ({@link ReadBudget}). */
  public ReadBudget budget() {
    return ReadBudget.forPixels(maxPixels);
  }

  public static SourceContext withSeed(long seed) {
    return new SourceContext(seed, DEFAULT_MAX_PIXELS, 0);
  }
}
