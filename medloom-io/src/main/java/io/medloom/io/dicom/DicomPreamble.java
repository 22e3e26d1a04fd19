package io.medloom.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cheap look at the start of a file before any decoder sees it. Both decoders give poor messages
 * for files that are not DICOM at all (ImageJ returns an empty image, PixelMed reports a tag parse
 * error deep in the file), so the reader rejects those here with the bytes it found.
 *
 * @param hasMetaHeader true when "DICM" is at offset 128 (a Part 10 file)
 * @param transferSyntax the File Meta Information's transfer syntax UID, "" when absent
 */
record DicomPreamble(boolean hasMetaHeader, String transferSyntax) {
  private static final int HEAD = 128 + 4 + 4096;

  static DicomPreamble read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("not a DICOM file: " + file + " is not a regular file");
    }
    long size = Files.size(file);
    if (size == 0) {
      throw new IOException("not a DICOM file: " + file + " is empty (0 bytes)");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD);
    }
    if (head.length >= 132 && "DICM".equals(new String(head, 128, 4, StandardCharsets.US_ASCII))) {
      return new DicomPreamble(true, metaTransferSyntax(head));
    }
    if (looksLikeRawDataset(head)) {
      // Part 10 without preamble/meta: legal for old files; the default is implicit VR LE.
      return new DicomPreamble(false, "");
    }
    throw new IOException(
        "not a DICOM file: "
            + file
            + " has no 'DICM' marker at byte 128 and does not start with a group 0008 data"
            + " element (first bytes: "
            + hex(head, 8)
            + ", size "
            + size
            + " bytes)"
            + strayBytes(head));
  }

  /**
   * A data set that starts a few bytes late (a header cut off at the wrong offset) is named as
   * such, since "not DICOM" alone would send the user looking in the wrong place.
   */
  private static String strayBytes(byte[] head) {
    for (int skip = 1; skip <= 3 && head.length > skip + 8; skip++) {
      byte[] rest = java.util.Arrays.copyOfRange(head, skip, head.length);
      if (looksLikeRawDataset(rest) && upper(rest[4]) && upper(rest[5])) {
        return "; a data set starts at byte "
            + skip
            + ", after "
            + skip
            + " stray byte(s): the file looks damaged (a header removed off by "
            + skip
            + ")";
      }
    }
    return "";
  }

  private static boolean upper(byte c) {
    return c >= 'A' && c <= 'Z';
  }

  /** A dataset without meta header starts with a low group, almost always 0008, little endian. */
  private static boolean looksLikeRawDataset(byte[] b) {
    if (b.length < 8) {
      return false;
    }
    int group = (b[0] & 0xff) | (b[1] & 0xff) << 8;
    int element = (b[2] & 0xff) | (b[3] & 0xff) << 8;
    return (group == 0x0008 || group == 0x0002) && element < 0x0100;
  }

  /** Walks the group 0002 elements (always explicit VR little endian) to find (0002,0010). */
  private static String metaTransferSyntax(byte[] b) {
    int p = 132;
    while (p + 8 <= b.length) {
      int group = u16(b, p);
      int element = u16(b, p + 2);
      if (group != 0x0002) {
        break;
      }
      String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
      int length;
      int header;
      if (vr.equals("OB")
          || vr.equals("OW")
          || vr.equals("UN")
          || vr.equals("SQ")
          || vr.equals("UT")
          || vr.equals("UC")
          || vr.equals("UR")) {
        if (p + 12 > b.length) {
          break;
        }
        length = (int) (u16(b, p + 8) | (long) u16(b, p + 10) << 16);
        header = 12;
      } else {
        length = u16(b, p + 6);
        header = 8;
      }
      if (length < 0 || p + header + length > b.length) {
        break;
      }
      if (element == 0x0010) {
        return new String(b, p + header, length, StandardCharsets.US_ASCII)
            .replace("\0", "")
            .trim();
      }
      p += header + length;
    }
    return "";
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
  }

  private static String hex(byte[] b, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(n, b.length); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(String.format("%02x", b[i] & 0xff));
    }
    return sb.toString();
  }
}
