package io.medloom.io.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A walk over the data elements of an uncompressed DICOM file, before ImageJ parses it: ImageJ
 * allocates every value at its declared length, so one element claiming 2 GB in a 4 kB file ends in
 * an OutOfMemoryError or a NegativeArraySizeException (both found by bench/fuzz). Each length must
 * fit in what is left of the file. Sequences and items are stepped into, the way ImageJ reads them;
 * the walk stops at Pixel Data, whose size ImageJDecoder checks against the header.
 */
final class DicomElements {
  private static final long UNDEFINED = 0xFFFFFFFFL;
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";

  private DicomElements() {}

  static void check(Path file, DicomPreamble preamble) throws IOException {
    byte[] b = Files.readAllBytes(file);
    int p = preamble.hasMetaHeader() ? 132 : 0;
    String ts = preamble.transferSyntax();
    boolean implicitSyntax = ts.equals(IMPLICIT_LE);
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer body =
        ByteBuffer.wrap(b)
            .order(ts.equals(EXPLICIT_BE) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    while (p + 8 <= b.length) {
      // The File Meta group is explicit VR little endian whatever the data set uses.
      boolean meta = (le.getShort(p) & 0xffff) == 0x0002;
      ByteBuffer buf = meta ? le : body;
      int group = buf.getShort(p) & 0xffff;
      int element = buf.getShort(p + 2) & 0xffff;
      if (group == 0xFFFE) {
        // Item and delimiters: a tag and a 4-byte length; an item's content is a data set.
        long len = buf.getInt(p + 4) & 0xffffffffL;
        if (element == 0xE000 && len != UNDEFINED) {
          fits(b, p + 8, len, group, element);
        }
        p += 8;
        continue;
      }
      long len;
      int header;
      boolean stepIn;
      // Like ImageJ, read an element as explicit when a value representation is where one goes.
      boolean explicit = meta || (!implicitSyntax && vrAt(b, p + 4));
      if (!explicit) {
        len = buf.getInt(p + 4) & 0xffffffffL;
        header = 8;
        stepIn = len == UNDEFINED;
      } else {
        String vr = new String(b, p + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
        if (longLength(vr)) {
          if (p + 12 > b.length) {
            break;
          }
          len = buf.getInt(p + 8) & 0xffffffffL;
          header = 12;
        } else {
          len = buf.getShort(p + 6) & 0xffff;
          header = 8;
        }
        stepIn = len == UNDEFINED || vr.equals("SQ");
      }
      if (group == 0x7FE0 && element == 0x0010) {
        return; // Pixel Data: its size against rows x columns is ImageJDecoder's check
      }
      if (len != UNDEFINED) {
        fits(b, p + header, len, group, element);
      }
      p += header + (stepIn ? 0 : (int) len);
    }
  }

  private static void fits(byte[] b, int at, long len, int group, int element) throws IOException {
    if (len > b.length - (long) at) {
      throw new IOException(
          String.format(
              "damaged DICOM: element (%04X,%04X) declares %d bytes but only %d remain",
              group, element, len, Math.max(0, b.length - (long) at)));
    }
  }

  private static boolean vrAt(byte[] b, int p) {
    return p + 2 <= b.length && upper(b[p]) && upper(b[p + 1]);
  }

  private static boolean upper(byte c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean longLength(String vr) {
    return switch (vr) {
      case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
      default -> false;
    };
  }
}
