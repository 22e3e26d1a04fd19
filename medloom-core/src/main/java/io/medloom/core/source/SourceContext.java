package io.medloom.core.source;

import static io.medloom.core.Checks.checkArgument;

/**
 * Build-wide settings a source may need.
 *
 * @param seed the build seed (the phantom draws its patients from it)
 * @param maxPixels largest image (width x height) a reader may decode; bigger headers are refused
 *     before any pixel memory is allocated, which stops decompression bombs
 */
public record SourceContext(long seed, long maxPixels) {
  /** 16k x 16k: larger than any radiograph or slide level we standardize in one piece. */
  public static final long DEFAULT_MAX_PIXELS = 16_384L * 16_384L;

  public SourceContext {
    checkArgument(maxPixels > 0, "max pixels must be positive: %s", maxPixels);
  }

  public static SourceContext withSeed(long seed) {
    return new SourceContext(seed, DEFAULT_MAX_PIXELS);
  }
}
