package io.medloom.io.dicom;

import java.io.IOException;
import java.nio.file.Path;

/** The reader's error messages, in one place so both decoders word them the same way. */
final class DicomErrors {
  static final String INSTALL_HINT =
      "install the Debian packages libpixelmed-java and libpixelmed-imageio-java (or point the"
          + " system property "
          + PixelMedBridge.DIR_PROPERTY
          + " at a folder with pixelmed.jar) to enable the full codec set";

  private DicomErrors() {}

  static IOException noPixelData(Path file, String sopClass) {
    return new IOException(
        "no pixel data: SOP class "
            + DicomUids.describe(sopClass)
            + " is not an image ("
            + file
            + ")");
  }

  /** An image object whose Pixel Data element is absent (stripped or never stored). */
  static IOException missingPixelData(Path file, String sopClass) {
    return new IOException(
        "no Pixel Data element (7FE0,0010): this "
            + DicomUids.describe(sopClass)
            + " object carries the image header but no pixels ("
            + file
            + ")");
  }

  /** A transfer syntax no decoder on the class path handles. */
  static IOException unsupported(Path file, String transferSyntax) {
    return new IOException(
        "cannot decode pixel data of "
            + file
            + ": unsupported transfer syntax "
            + DicomUids.describe(transferSyntax)
            + " (decoded: uncompressed, deflated, RLE, JPEG baseline/extended/lossless, JPEG-LS,"
            + " JPEG 2000)");
  }

  static IOException truncated(Path file, String detail) {
    return new IOException("truncated DICOM file: " + file + ": " + detail);
  }

  /** A codec failure; {@code reason} says which decoder and why. */
  static IOException undecodable(Path file, String transferSyntax, String reason, Throwable cause) {
    return new IOException(
        "cannot decode pixel data of "
            + file
            + " with transfer syntax "
            + DicomUids.describe(transferSyntax)
            + ": "
            + reason,
        cause);
  }

  /** ImageJ cannot decode this transfer syntax and PixelMed is not installed. */
  static IOException needsPixelMed(Path file, String transferSyntax) {
    return new IOException(
        "cannot decode pixel data of "
            + file
            + ": transfer syntax "
            + DicomUids.describe(transferSyntax)
            + " is compressed or deflated, which the built-in ImageJ decoder does not support"
            + " (PixelMed not found in "
            + PixelMedBridge.searchedDir()
            + "); "
            + INSTALL_HINT);
  }
}
