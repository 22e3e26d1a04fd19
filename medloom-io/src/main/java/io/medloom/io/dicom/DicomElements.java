package io.medloom.io.dicom;

import io.medloom.core.source.ReadBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A walk over the data elements of a DICOM file before a decoder parses it: ImageJ (and PixelMed)
 * allocate a value at its declared length, so one element claiming 2 GB in a 4 kB file ends in an
 * OutOfMemoryError or a NegativeArraySizeException (both found by bench/fuzz). Each length must fit
 * in what is left of the file. Sequences and items are stepped into, the way the decoders read
 * them; the walk stops at Pixel Data, whose size the decoders check against the header. A deflated
 * data set is inflated first, through the read budget's counting limit, so a deflate bomb stops
 * there.
 */
final class DicomElements {
  private static final long UNDEFINED = 0xFFFFFFFFL;
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  private static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
  private static final String DEFLATED = "1.2.840.10008.1.2.1.99";

  private DicomElements() {}

  /**
   * Checks the file as {@code imageJ} (ImageJ's rules: a value representation is recognised from
   * the two bytes after the tag whatever the transfer syntax says, as ImageJ's DicomDecoder does)
   * or by its transfer syntax (PixelMed's reading).
   */
  static void check(Path file, DicomPreamble preamble, ReadBudget budget, boolean imageJ)
      throws IOException {
    byte[] b = Files.readAllBytes(file);
    int p = preamble.hasMetaHeader() ? 132 : 0;
    String ts = preamble.transferSyntax();
    if (ts.equals(DEFLATED) && preamble.hasMetaHeader()) {
      b = inflated(b, metaEnd(b), budget, file);
    }
    boolean implicitSyntax = ts.equals(IMPLICIT_LE);
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer body =
        ByteBuffer.wrap(b)
            .order(ts.equals(EXPLICIT_BE) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
    boolean imageJBigEndian = false;
    while (p + 8 <= b.length) {
      // The File Meta group is explicit VR little endian whatever the data set uses.
      boolean meta = (le.getShort(p) & 0xffff) == 0x0002;
      ByteBuffer buf = meta ? le : body;
      if (imageJ) {
        // ImageJ reads little endian until a group word reads 0x0800 in a big-endian syntax.
        if (!imageJBigEndian && (le.getShort(p) & 0xffff) == 0x0800 && ts.equals(EXPLICIT_BE)) {
          imageJBigEndian = true;
        }
        buf = imageJBigEndian ? be : le;
      }
      int group = buf.getShort(p) & 0xffff;
      int element = buf.getShort(p + 2) & 0xffff;
      String vr = new String(b, p + 4, 2, java.nio.charset.StandardCharsets.ISO_8859_1);
      long len;
      int header = 8;
      boolean item = group == 0xFFFE;
      if (imageJ) {
        // ImageJ's getLength: a known long-form VR with a zero reserved byte takes the next 4
        // bytes as length, a known short-form VR 2 bytes, anything else is an implicit 4 bytes.
        if (LONG_FORM.contains(vr) && (b[p + 6] == 0 || b[p + 7] == 0) && p + 12 <= b.length) {
          len = buf.getInt(p + 8) & 0xffffffffL;
          header = 12;
        } else if (SHORT_FORM.contains(vr)) {
          len = buf.getShort(p + 6) & 0xffff;
        } else {
          len = buf.getInt(p + 4) & 0xffffffffL;
        }
      } else if (item || (!meta && (implicitSyntax || !vrAt(b, p + 4)))) {
        len = buf.getInt(p + 4) & 0xffffffffL;
      } else if (LONG_FORM.contains(vr)) {
        if (p + 12 > b.length) {
          break;
        }
        len = buf.getInt(p + 8) & 0xffffffffL;
        header = 12;
      } else {
        len = buf.getShort(p + 6) & 0xffff;
      }
      if (group == 0x7FE0 && element == 0x0010) {
        return; // Pixel Data: the decoders check its size against rows x columns
      }
      if (len != UNDEFINED) {
        fits(b, p + header, len, group, element);
      }
      // Items, sequences and undefined lengths hold data sets: their elements are walked too.
      boolean stepIn = item || len == UNDEFINED || (header == 12 && vr.equals("SQ"));
      p += header + (stepIn ? 0 : (int) len);
    }
  }

  /** Where the File Meta group (explicit VR little endian, after the preamble) ends. */
  private static int metaEnd(byte[] b) {
    ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int p = 132;
    while (p + 8 <= b.length && (le.getShort(p) & 0xffff) == 0x0002) {
      String vr = new String(b, p + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
      long len =
          longLength(vr) && p + 12 <= b.length
              ? le.getInt(p + 8) & 0xffffffffL
              : le.getShort(p + 6) & 0xffff;
      p += (longLength(vr) ? 12 : 8) + (int) Math.min(len, b.length);
    }
    return Math.min(p, b.length);
  }

  /** The meta group as is, then the data set inflated (raw deflate), at most the budget. */
  private static byte[] inflated(byte[] b, int start, ReadBudget budget, Path file)
      throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(b, 0, start);
    try (InputStream in =
        budget.limit(
            new InflaterInputStream(
                new java.io.ByteArrayInputStream(b, start, b.length - start), new Inflater(true)),
            "deflated DICOM data set of " + file.getFileName())) {
      in.transferTo(out);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException("damaged DICOM: deflated data set does not inflate: " + e, e);
    }
    return out.toByteArray();
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
    return LONG_FORM.contains(vr);
  }

  /** Value representations with a 4-byte length (after two reserved bytes). */
  private static final java.util.Set<String> LONG_FORM =
      java.util.Set.of(
          "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

  /** Value representations with a 2-byte length, as ImageJ 1.54 knows them ("??" included). */
  private static final java.util.Set<String> SHORT_FORM =
      java.util.Set.of(
          "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "PN", "SH", "SL",
          "SS", "ST", "TM", "UI", "UL", "US", "??");
}
