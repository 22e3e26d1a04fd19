package io.medloom.io.dicom;

import io.medloom.testing.Requirements;

/**
 * Tests of PixelMed-only behaviour: skipped on a machine without the Debian packages, failed when
 * requirements are strict (CI installs them), so a broken PixelMed setup cannot pass unnoticed.
 */
public final class PixelMedRequirement {
  private PixelMedRequirement() {}

  public static void require() {
    Requirements.require(
        DicomReader.pixelMedAvailable(),
        "PixelMed not found in " + PixelMedBridge.searchedDir(),
        DicomErrors.INSTALL_HINT);
  }
}
