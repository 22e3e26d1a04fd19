package io.medloom.io.dicom;

import io.medloom.core.source.ReadBudget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The image pixel module (rows, columns, frames, samples, bits) against the read budget, checked
 * from the header before a decoder reserves memory for the frames: a compressed or deflated object
 * of a few kilobytes can declare 65535 x 65535 pixels in thousands of frames.
 */
final class DicomBudget {
  private DicomBudget() {}

  static void check(
      Path file, long rows, long cols, long frames, long spp, long bitsAllocated, ReadBudget budget)
      throws IOException {
    if (rows <= 0 || cols <= 0) {
      return; // no geometry: the decoder says what is missing
    }
    String name = "DICOM " + file.getFileName();
    budget.checkPixels(cols, rows, name + " frame");
    // Frames are kept as floats, after the decoder's own copy of the stored samples.
    long perSample = Float.BYTES + Math.max(1, (bitsAllocated + 7) / 8);
    budget.checkBytes(
        name + " (" + cols + "x" + rows + ", " + frames + " frames, " + spp + " samples)",
        rows,
        cols,
        Math.max(1, frames),
        Math.max(1, spp),
        perSample);
  }

  /** The first number of an ImageJ/PixelMed header value, or {@code fallback}. */
  static long number(String v, long fallback) {
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return (long) Double.parseDouble(v.split("\\\\")[0].trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
