package io.medloom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes small DICOM Part 10 files (Explicit VR Little Endian, 8-bit MONOCHROME2) with chosen
 * header attributes, so tests can make exactly the object they need (a secondary capture, an
 * ultrasound, BurnedInAnnotation = YES) without a DICOM toolkit. Every decoder MedLoom uses reads
 * them.
 */
public final class TinyDicom {
  public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
  public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
  public static final String ULTRASOUND = "1.2.840.10008.5.1.4.1.1.6.1";
  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

  /** VRs with a 2-byte reserved field and a 4-byte length in explicit VR encoding. */
  private static final Set<String> LONG_VRS = Set.of("OB", "OW", "OF", "SQ", "UT", "UN", "UC");

  private record Element(String vr, byte[] value) {}

  private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);
  private int rows = 16;
  private int columns = 16;

  private TinyDicom() {}

  /** A 16x16 CT image of patient {@code patientId} with the given UIDs. */
  public static TinyDicom ct(String patientId, String study, String series, String instance) {
    return new TinyDicom()
        .text(0x00080016, "UI", CT_IMAGE)
        .text(0x00080018, "UI", instance)
        .text(0x00080060, "CS", "CT")
        .text(0x00100020, "LO", patientId)
        .text(0x0020000D, "UI", study)
        .text(0x0020000E, "UI", series);
  }

  public TinyDicom sopClass(String uid) {
    return text(0x00080016, "UI", uid);
  }

  public TinyDicom modality(String code) {
    return text(0x00080060, "CS", code);
  }

  public TinyDicom patientName(String name) {
    return text(0x00100010, "PN", name);
  }

  public TinyDicom accessionNumber(String number) {
    return text(0x00080050, "SH", number);
  }

  /** BurnedInAnnotation (0028,0301): YES or NO. */
  public TinyDicom burnedInAnnotation(String yesOrNo) {
    return text(0x00280301, "CS", yesOrNo);
  }

  /** Any other text attribute, by tag ({@code 0xGGGGEEEE}) and VR. */
  public TinyDicom text(int tag, String vr, String value) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    if (b.length % 2 == 1) {
      byte[] padded = new byte[b.length + 1];
      System.arraycopy(b, 0, padded, 0, b.length);
      padded[b.length] = (byte) (vr.equals("UI") ? 0 : ' ');
      b = padded;
    }
    elements.put(tag, new Element(vr, b));
    return this;
  }

  public TinyDicom size(int newRows, int newColumns) {
    this.rows = newRows;
    this.columns = newColumns;
    return this;
  }

  /** The Part 10 bytes: a gradient image with the attributes set so far. */
  public byte[] bytes() {
    TreeMap<Integer, Element> all = new TreeMap<>(Integer::compareUnsigned);
    all.putAll(elements);
    all.put(0x00280002, us(1));
    all.put(0x00280004, new Element("CS", "MONOCHROME2 ".getBytes(StandardCharsets.US_ASCII)));
    all.put(0x00280010, us(rows));
    all.put(0x00280011, us(columns));
    all.put(0x00280100, us(8));
    all.put(0x00280101, us(8));
    all.put(0x00280102, us(7));
    all.put(0x00280103, us(0));
    byte[] pixels = new byte[rows * columns + (rows * columns) % 2];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < columns; x++) {
        pixels[y * columns + x] = (byte) ((x * 255 / Math.max(1, columns - 1) + y * 3) & 0xff);
      }
    }
    all.put(0x7FE00010, new Element("OB", pixels));

    Element sopClass = all.get(0x00080016);
    Element sop = all.get(0x00080018);
    TreeMap<Integer, Element> meta = new TreeMap<>();
    meta.put(0x00020001, new Element("OB", new byte[] {0, 1}));
    meta.put(0x00020002, sopClass);
    meta.put(0x00020003, sop);
    meta.put(0x00020010, new Element("UI", uid(EXPLICIT_LE)));
    meta.put(0x00020012, new Element("UI", uid("1.2.826.0.1.3680043.10.1")));
    byte[] metaBody = encode(meta);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[128]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(encode(Map.of(0x00020000, new Element("UL", le32(metaBody.length)))));
    out.writeBytes(metaBody);
    out.writeBytes(encode(all));
    return out.toByteArray();
  }

  /** Writes the file (creating its folder) and returns it. */
  public Path write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, bytes());
  }

  private static byte[] encode(Map<Integer, Element> elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<Integer, Element> e : new TreeMap<>(elements).entrySet()) {
      int tag = e.getKey();
      Element el = e.getValue();
      out.writeBytes(le16(tag >>> 16));
      out.writeBytes(le16(tag & 0xffff));
      out.writeBytes(el.vr().getBytes(StandardCharsets.US_ASCII));
      if (LONG_VRS.contains(el.vr())) {
        out.writeBytes(new byte[2]);
        out.writeBytes(le32(el.value().length));
      } else {
        out.writeBytes(le16(el.value().length));
      }
      out.writeBytes(el.value());
    }
    return out.toByteArray();
  }

  private static Element us(int v) {
    return new Element("US", le16(v));
  }

  private static byte[] uid(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
  }

  private static byte[] le16(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8)};
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }
}
