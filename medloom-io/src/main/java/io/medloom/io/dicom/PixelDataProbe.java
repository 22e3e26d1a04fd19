package io.medloom.io.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells a truncated file from an object without pixel data. PixelMed drops a Pixel Data element
 * that ends early (it only logs "read failed with N bytes remaining"), which would make a cut-off
 * MR slice look like a non-image; this scan finds the element's header and compares its declared
 * length with the bytes the file still has. Only used on that error path.
 */
final class PixelDataProbe {
  /** Larger files are not scanned: the message then falls back to "no pixel data". */
  private static final long MAX_SCAN = 512L << 20;

  private PixelDataProbe() {}

  /** "pixel data declares N bytes but only M remain", when the file ends inside (7FE0,0010). */
  static Optional<String> truncation(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_SCAN) {
      return Optional.empty();
    }
    byte[] b = Files.readAllBytes(file);
    for (int p = b.length - 8; p >= 0; p--) {
      boolean le =
          u8(b, p) == 0xE0 && u8(b, p + 1) == 0x7F && u8(b, p + 2) == 0x10 && u8(b, p + 3) == 0;
      boolean be =
          u8(b, p) == 0x7F && u8(b, p + 1) == 0xE0 && u8(b, p + 2) == 0 && u8(b, p + 3) == 0x10;
      if (!le && !be) {
        continue;
      }
      boolean explicit = (b[p + 4] == 'O' && (b[p + 5] == 'W' || b[p + 5] == 'B'));
      int lenAt = explicit ? p + 8 : p + 4;
      if (lenAt + 4 > b.length) {
        return Optional.of("the file ends inside the Pixel Data element header");
      }
      long declared =
          le
              ? u8(b, lenAt)
                  | u8(b, lenAt + 1) << 8
                  | u8(b, lenAt + 2) << 16
                  | (long) u8(b, lenAt + 3) << 24
              : (long) u8(b, lenAt) << 24
                  | u8(b, lenAt + 1) << 16
                  | u8(b, lenAt + 2) << 8
                  | u8(b, lenAt + 3);
      long remaining = b.length - (lenAt + 4L);
      if (declared != 0xFFFFFFFFL && declared > remaining) {
        return Optional.of(
            "pixel data declares " + declared + " bytes but only " + remaining + " remain");
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static int u8(byte[] b, int p) {
    return b[p] & 0xff;
  }
}
