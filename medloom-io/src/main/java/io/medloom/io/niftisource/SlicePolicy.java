package io.medloom.io.niftisource;

import static io.medloom.core.Checks.checkArgument;

/**
 * Which slices of a volume become samples: {@code all}, {@code every:K} (every K-th, starting at
 * the middle slice so the centre of the volume is always included), or {@code labelled} (slices
 * where the label volume, or without one the image, has any non-zero voxel).
 */
record SlicePolicy(String kind, int step) {
  static SlicePolicy parse(String text) {
    if (text.equals("all")) {
      return new SlicePolicy("all", 1);
    }
    if (text.equals("labelled") || text.equals("labeled")) {
      return new SlicePolicy("labelled", 1);
    }
    if (text.startsWith("every:")) {
      int k;
      try {
        k = Integer.parseInt(text.substring(6));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("slices=every:K needs a number, got '" + text + "'", e);
      }
      checkArgument(k >= 1, "slices=every:K needs K >= 1: %s", k);
      return new SlicePolicy("every", k);
    }
    throw new IllegalArgumentException(
        "slices must be all, every:K or labelled; got '" + text + "'");
  }

  boolean takes(int index, int count, boolean hasContent) {
    return switch (kind) {
      case "all" -> true;
      case "labelled" -> hasContent;
      default -> Math.floorMod(index - count / 2, step) == 0;
    };
  }
}
