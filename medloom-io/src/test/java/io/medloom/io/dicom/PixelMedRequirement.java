package io.medloom.io.dicom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests of PixelMed-only behaviour: skipped on a machine without the Debian packages, but failed
 * under CI (CI=true), which installs them, so a broken PixelMed setup cannot pass unnoticed.
 */
final class PixelMedRequirement {
  private PixelMedRequirement() {}

  static void require() {
    if (DicomReader.fullCodecsAvailable()) {
      return;
    }
    String msg =
        "PixelMed not found in " + PixelMedBridge.searchedDir() + "; " + DicomErrors.INSTALL_HINT;
    if ("true".equals(System.getenv("CI"))) {
      fail(msg + " (required under CI)");
    }
    assumeTrue(false, msg);
  }
}
