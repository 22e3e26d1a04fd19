package io.medloom.io.dicom;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The top-level data elements of one DICOM object, parsed from its bytes by the rules of its
 * transfer syntax: implicit or explicit VR, little or big endian, deflated. Nested sequences are
 * stepped over (the reader needs no attribute inside them). Pixel Data is kept either as its native
 * bytes or, when encapsulated, as the list of fragments after the Basic Offset Table.
 *
 * <p>The parse never throws on a short file: it stops and records where the file ended ({@link
 * #truncation()}), so the caller can tell "cut off inside the pixel data" from "has no pixel data".
 */
final class DicomDataset {
  static final String DEFLATED = "1.2.840.10008.1.2.1.99";
  private static final long UNDEFINED = 0xFFFFFFFFL;
  private static final int PIXEL_DATA = 0x7FE00010;
  private static final int ITEM = 0xFFFEE000;
  private static final int ITEM_END = 0xFFFEE00D;
  private static final int SEQUENCE_END = 0xFFFEE0DD;

  private final Map<Integer, byte[]> values = new HashMap<>();
  private final String transferSyntax;
  private boolean bigEndian;
  private boolean pixelData;
  private byte[] nativePixels;
  private int[] offsetTable = new int[0];
  private final List<byte[]> fragments = new ArrayList<>();
  private String truncation;

  private DicomDataset(String transferSyntax) {
    this.transferSyntax = transferSyntax;
  }

  /**
   * Parses a whole file. {@code inflate} wraps the inflater stream of a deflated data set (the
   * caller's read budget limits it).
   */
  static DicomDataset parse(byte[] b, DicomPreamble preamble, InflateLimit inflate)
      throws IOException {
    String ts = preamble.transferSyntax();
    DicomDataset ds = new DicomDataset(ts);
    int p = 0;
    if (preamble.hasMetaHeader()) {
      p = ds.parseMeta(b, 132);
    }
    if (DEFLATED.equals(ts)) {
      b = inflate(b, p, inflate);
      p = 0;
    }
    ds.bigEndian = DicomUids.EXPLICIT_BE.equals(ts);
    boolean implicit = ts.isEmpty() || DicomUids.IMPLICIT_LE.equals(ts);
    new Walker(ds, b, implicit).walk(p, b.length, true);
    return ds;
  }

  /** Wraps the inflater stream so the caller's budget can stop a deflate bomb. */
  interface InflateLimit {
    InputStream limit(InputStream in) throws IOException;
  }

  private int parseMeta(byte[] b, int p) {
    Walker w = new Walker(this, b, false);
    while (p + 8 <= b.length && (b[p] & 0xff) == 0x02 && b[p + 1] == 0) {
      int next = w.element(p, b.length, true);
      if (next < 0) {
        break;
      }
      p = next;
    }
    return p;
  }

  private static byte[] inflate(byte[] b, int start, InflateLimit limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in =
        limit.limit(
            new InflaterInputStream(
                new ByteArrayInputStream(b, start, b.length - start), new Inflater(true)))) {
      in.transferTo(out);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new IOException("damaged DICOM: deflated data set does not inflate: " + e, e);
    }
    return out.toByteArray();
  }

  /** Steps through elements; stores top-level values, steps over nested data sets. */
  private static final class Walker {
    private final DicomDataset ds;
    private final byte[] b;
    private final boolean implicit;

    Walker(DicomDataset ds, byte[] b, boolean implicit) {
      this.ds = ds;
      this.b = b;
      this.implicit = implicit;
    }

    void walk(int p, int end, boolean top) {
      while (p < end && ds.truncation == null) {
        int next = element(p, end, top);
        if (next < 0) {
          return;
        }
        p = next;
      }
    }

    /** Parses the element at p; returns the position after it, or -1 at a delimiter/the end. */
    int element(int p, int end, boolean top) {
      if (p + 8 > end) {
        ds.truncation = "the file ends inside a data element header at byte " + p;
        return -1;
      }
      boolean meta = u16(p, false) == 0x0002;
      boolean be = ds.bigEndian && !meta;
      int group = u16(p, be);
      int element = u16(p + 2, be);
      int tag = group << 16 | element;
      if (tag == ITEM_END || tag == SEQUENCE_END) {
        return -1;
      }
      long len;
      int header = 8;
      String vr = "";
      if (group != 0xFFFE && (meta || !implicit) && upper(b[p + 4]) && upper(b[p + 5])) {
        vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
        if (LONG_FORM.contains(vr)) {
          if (p + 12 > end) {
            ds.truncation = "the file ends inside the header of element " + tagName(tag);
            return -1;
          }
          len = u32(p + 8, be);
          header = 12;
        } else {
          len = u16(p + 6, be);
        }
      } else {
        len = u32(p + 4, be);
      }
      int value = p + header;
      if (len == UNDEFINED) {
        if (top && tag == PIXEL_DATA) {
          return encapsulated(value, end, be);
        }
        return skipUndefined(value, end, be);
      }
      if (len > end - (long) value) {
        ds.truncation =
            (tag == PIXEL_DATA ? "pixel data" : "element " + tagName(tag))
                + " declares "
                + len
                + " bytes but only "
                + (end - value)
                + " remain";
        if (top && tag == PIXEL_DATA) {
          ds.pixelData = true;
        }
        return -1;
      }
      int next = value + (int) len;
      if (top) {
        byte[] v = java.util.Arrays.copyOfRange(b, value, next);
        if (tag == PIXEL_DATA) {
          ds.pixelData = true;
          ds.nativePixels = v;
        } else {
          ds.values.put(tag, v);
        }
      }
      return next;
    }

    /** A sequence or item of undefined length: walk its content to the matching delimiter. */
    private int skipUndefined(int p, int end, boolean be) {
      while (p + 8 <= end) {
        int tag = u16(p, be) << 16 | u16(p + 2, be);
        long len = u32(p + 4, be);
        if (tag == SEQUENCE_END) {
          return p + 8;
        }
        if (tag != ITEM) {
          // An undefined-length non-sequence (unknown VR): its elements run to a delimiter.
          int next = element(p, end, false);
          if (next < 0) {
            return ds.truncation == null ? p + 8 : -1;
          }
          p = next;
          continue;
        }
        if (len == UNDEFINED) {
          int q = p + 8;
          while (true) {
            if (q + 8 > end) {
              ds.truncation = "the file ends inside a sequence item";
              return -1;
            }
            int t = u16(q, be) << 16 | u16(q + 2, be);
            if (t == ITEM_END) {
              q += 8;
              break;
            }
            q = element(q, end, false);
            if (q < 0) {
              return -1;
            }
          }
          p = q;
        } else {
          if (len > end - (long) p - 8) {
            ds.truncation = "a sequence item declares " + len + " bytes past the end of the file";
            return -1;
          }
          p += 8 + (int) len;
        }
      }
      ds.truncation = "the file ends inside a sequence of undefined length";
      return -1;
    }

    /** Encapsulated pixel data: the offset table, then one fragment per item. */
    private int encapsulated(int p, int end, boolean be) {
      ds.pixelData = true;
      boolean first = true;
      while (p + 8 <= end) {
        int tag = u16(p, be) << 16 | u16(p + 2, be);
        long len = u32(p + 4, be);
        if (tag == SEQUENCE_END) {
          return p + 8;
        }
        if (tag != ITEM || len > end - (long) p - 8) {
          ds.truncation =
              tag != ITEM
                  ? "encapsulated pixel data holds " + tagName(tag) + " where an item belongs"
                  : "a pixel data fragment declares "
                      + len
                      + " bytes but only "
                      + (end - p - 8)
                      + " remain";
          return -1;
        }
        byte[] v = java.util.Arrays.copyOfRange(b, p + 8, p + 8 + (int) len);
        if (first) {
          int[] offsets = new int[v.length / 4];
          for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (int) u32le(v, 4 * i);
          }
          ds.offsetTable = offsets;
          first = false;
        } else {
          ds.fragments.add(v);
        }
        p += 8 + (int) len;
      }
      ds.truncation = "the file ends inside the encapsulated pixel data";
      return -1;
    }

    private int u16(int p, boolean be) {
      return be ? (b[p] & 0xff) << 8 | (b[p + 1] & 0xff) : (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    private long u32(int p, boolean be) {
      return be
          ? ((long) u16(p, true) << 16) | u16(p + 2, true)
          : u16(p, false) | ((long) u16(p + 2, false) << 16);
    }
  }

  private static long u32le(byte[] v, int p) {
    return (v[p] & 0xff)
        | (v[p + 1] & 0xff) << 8
        | (v[p + 2] & 0xff) << 16
        | (v[p + 3] & 0xffL) << 24;
  }

  private static boolean upper(byte c) {
    return c >= 'A' && c <= 'Z';
  }

  static String tagName(int tag) {
    return String.format("(%04X,%04X)", tag >>> 16, tag & 0xffff);
  }

  private static final java.util.Set<String> LONG_FORM =
      java.util.Set.of(
          "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

  String transferSyntax() {
    return transferSyntax;
  }

  boolean bigEndian() {
    return bigEndian;
  }

  boolean hasPixelData() {
    return pixelData;
  }

  boolean encapsulated() {
    return nativePixels == null && pixelData;
  }

  byte[] nativePixels() {
    return nativePixels;
  }

  List<byte[]> fragments() {
    return fragments;
  }

  int[] offsetTable() {
    return offsetTable;
  }

  Optional<String> truncation() {
    return Optional.ofNullable(truncation);
  }

  /** The raw bytes of a top-level value, or null. */
  byte[] raw(int group, int element) {
    return values.get(group << 16 | element);
  }

  boolean contains(int group, int element) {
    return values.containsKey(group << 16 | element);
  }

  /** A text value with padding removed; "" when absent. */
  String string(int group, int element) {
    byte[] v = values.get(group << 16 | element);
    if (v == null) {
      return "";
    }
    return new String(v, StandardCharsets.ISO_8859_1).replace("\0", "").trim();
  }

  /**
   * An unsigned short (US) value, or a number in text (IS/DS); {@code fallback} when absent. Group
   * 0028's US values are binary in every transfer syntax.
   */
  int unsignedShort(int group, int element, int fallback) {
    byte[] v = values.get(group << 16 | element);
    if (v == null || v.length < 2) {
      return fallback;
    }
    boolean be = bigEndian && group != 0x0002;
    return be ? (v[0] & 0xff) << 8 | (v[1] & 0xff) : (v[0] & 0xff) | (v[1] & 0xff) << 8;
  }

  /** The first number of a text value (IS/DS), or {@code fallback}. */
  double number(int group, int element, double fallback) {
    String s = string(group, element);
    if (s.isEmpty()) {
      return fallback;
    }
    try {
      return Double.parseDouble(s.split("\\\\")[0].trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
