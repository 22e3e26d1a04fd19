package io.medloom.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Crafted inputs that attack the build rather than just being broken: decompression bombs, lying
 * headers, nesting that overflows a recursive parser, link loops. Each is built at test time from a
 * few kilobytes of code and stays small on disk (a bomb's compressed form is what is written).
 */
public final class HostileFiles {
  private HostileFiles() {}

  /**
   * A numpy {@code .npz} whose single entry {@code name} is a {@code |u1} array of {@code
   * declaredBytes} zeros (shape as given), deflated: about 1000 times smaller on disk than in
   * memory. The deflate stream is made of one compressed megabyte repeated, so writing it costs no
   * compression time.
   */
  public static void npzBomb(Path out, String name, long[] shape) throws IOException {
    long count = 1;
    StringBuilder dims = new StringBuilder();
    for (long d : shape) {
      count *= d;
      dims.append(d).append(shape.length == 1 ? "," : ", ");
    }
    String dict =
        "{'descr': '|u1', 'fortran_order': False, 'shape': ("
            + dims.toString().replaceAll(", $", "")
            + "), }";
    String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
    ByteArrayOutputStream npyHead = new ByteArrayOutputStream();
    npyHead.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    npyHead.write(header.length() & 0xff);
    npyHead.write(header.length() >> 8);
    npyHead.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    byte[] head = npyHead.toByteArray();
    long total = head.length + count;

    int chunk = 1 << 20;
    Deflater d = new Deflater(9, true);
    byte[] first = deflateChunk(d, head, chunk);
    byte[] repeat = deflateChunk(d, new byte[0], chunk);
    d.end();
    long chunks = (total + chunk - 1) / chunk;
    long lastLen = total - (chunks - 1) * chunk;
    // The last chunk must end the data exactly: compress it separately as the final block.
    Deflater last = new Deflater(9, true);
    byte[] tail = deflateFinal(last, chunks == 1 ? head : new byte[0], (int) lastLen);

    CRC32 crc = new CRC32();
    byte[] zeros = new byte[chunk];
    crc.update(head);
    long left = count;
    while (left > 0) {
      int n = (int) Math.min(left, chunk);
      crc.update(zeros, 0, n);
      left -= n;
    }
    long compressed =
        chunks == 1 ? tail.length : first.length + (chunks - 2) * repeat.length + tail.length;
    byte[] entryName = (name + ".npy").getBytes(StandardCharsets.UTF_8);
    try (OutputStream o = Files.newOutputStream(out)) {
      ByteBuffer lh = le(30 + entryName.length);
      lh.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8);
      lh.putShort((short) 0).putShort((short) 0x21);
      lh.putInt((int) crc.getValue()).putInt((int) compressed).putInt((int) total);
      lh.putShort((short) entryName.length).putShort((short) 0).put(entryName);
      o.write(lh.array());
      if (chunks > 1) {
        o.write(first);
        for (long i = 0; i < chunks - 2; i++) {
          o.write(repeat);
        }
      }
      o.write(tail);
      long cdOffset = lh.capacity() + compressed;
      ByteBuffer cd = le(46 + entryName.length);
      cd.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
      cd.putShort((short) 8).putShort((short) 0).putShort((short) 0x21);
      cd.putInt((int) crc.getValue()).putInt((int) compressed).putInt((int) total);
      cd.putShort((short) entryName.length).putShort((short) 0).putShort((short) 0);
      cd.putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(entryName);
      o.write(cd.array());
      ByteBuffer end = le(22);
      end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
      end.putShort((short) 1).putShort((short) 1).putInt(cd.capacity()).putInt((int) cdOffset);
      end.putShort((short) 0);
      o.write(end.array());
    }
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** {@code prefix} then zeros up to {@code size} bytes, sync-flushed (byte aligned, not final). */
  private static byte[] deflateChunk(Deflater d, byte[] prefix, int size) {
    byte[] in = new byte[size];
    System.arraycopy(prefix, 0, in, 0, prefix.length);
    d.setInput(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    int n;
    while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] deflateFinal(Deflater d, byte[] prefix, int size) {
    byte[] in = new byte[size];
    System.arraycopy(prefix, 0, in, 0, Math.min(prefix.length, size));
    d.setInput(in);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  /**
   * A {@code .nii.gz} whose NIfTI-1 header declares an {@code nx x ny x nz} uint8 volume, followed
   * by a few voxels and then {@code padding} zero bytes after the gzip member. The file is as large
   * as a real compressed volume of that size could be (so a "gzip cannot expand that much" check
   * passes), while holding almost nothing: a reader that allocates from the header alone reserves
   * nx*ny*nz values before reading one.
   */
  public static byte[] niftiLyingHeaderGz(int nx, int ny, int nz, int padding) throws IOException {
    ByteBuffer h = le(352);
    h.putInt(0, 348);
    short[] dim = {3, (short) nx, (short) ny, (short) nz, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      h.putShort(40 + 2 * i, dim[i]);
    }
    h.putShort(70, (short) 2); // DT_UINT8
    h.putShort(72, (short) 8);
    for (int i = 0; i < 8; i++) {
      h.putFloat(76 + 4 * i, 1f);
    }
    h.putFloat(108, 352f);
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(h.array());
      gz.write(new byte[64]);
    }
    out.writeBytes(new byte[padding]);
    return out.toByteArray();
  }

  /** A NIfTI-1 single file ({@code .nii}) of an {@code nx x ny x nz} uint8 gradient volume. */
  public static byte[] niftiU8(int nx, int ny, int nz) {
    ByteBuffer h = le(352 + nx * ny * nz);
    h.putInt(0, 348);
    short[] dim = {3, (short) nx, (short) ny, (short) nz, 1, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      h.putShort(40 + 2 * i, dim[i]);
    }
    h.putShort(70, (short) 2);
    h.putShort(72, (short) 8);
    for (int i = 0; i < 8; i++) {
      h.putFloat(76 + 4 * i, 1f);
    }
    h.putFloat(108, 352f);
    h.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
    for (int i = 0; i < nx * ny * nz; i++) {
      h.put(352 + i, (byte) (i * 7));
    }
    return h.array();
  }

  /**
   * A baseline little-endian TIFF of one 32-bit IEEE float sample per pixel (SampleFormat 3), one
   * uncompressed strip: what scientific cameras and processing tools write, NaN and infinities
   * included.
   */
  public static byte[] floatTiff(int w, int h, float[] values) {
    if (values.length != w * h) {
      throw new IllegalArgumentException("need " + w * h + " values, got " + values.length);
    }
    int entries = 10;
    int ifdSize = 2 + entries * 12 + 4;
    int dataAt = 8 + ifdSize;
    ByteBuffer b = le(dataAt + values.length * 4);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) entries);
    tag(b, 256, 4, w); // ImageWidth, LONG
    tag(b, 257, 4, h); // ImageLength
    tag(b, 258, 3, 32); // BitsPerSample, SHORT
    tag(b, 259, 3, 1); // Compression: none
    tag(b, 262, 3, 1); // PhotometricInterpretation: BlackIsZero
    tag(b, 273, 4, dataAt); // StripOffsets
    tag(b, 277, 3, 1); // SamplesPerPixel
    tag(b, 278, 4, h); // RowsPerStrip
    tag(b, 279, 4, values.length * 4); // StripByteCounts
    tag(b, 339, 3, 3); // SampleFormat: IEEE float
    b.putInt(0);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static void tag(ByteBuffer b, int tag, int type, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(1);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt(value);
    }
  }

  /** {@code depth} opening brackets after a key: a one-line YAML/JSON nesting bomb. */
  public static String nestedFlowYaml(int depth) {
    return "id: x\nname: " + "[".repeat(depth) + "\n";
  }

  /** {@code depth} block maps, each indented one space deeper than the last. */
  public static String nestedBlockYaml(int depth) {
    StringBuilder sb = new StringBuilder("id: x\n");
    for (int i = 0; i < depth; i++) {
      sb.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }
    return sb.append(" ".repeat(depth)).append("leaf: 1\n").toString();
  }

  /**
   * Two links back to the parent in {@code dir} ({@code up1 -> ..}, {@code up2 -> ..}): a walker
   * that follows directory links visits 2^depth paths and never ends.
   */
  public static void parentLinks(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.createSymbolicLink(dir.resolve("up1"), Path.of(".."));
    Files.createSymbolicLink(dir.resolve("up2"), Path.of(".."));
  }

  /**
   * A minimal Part 10 DICOM file (explicit VR little endian, secondary capture, 8-bit MONOCHROME2)
   * of {@code frames} frames of {@code rows x cols} pixels, the pixel data a gradient.
   */
  public static byte[] dicomU8(int rows, int cols, int frames) {
    return dicomU8(rows, cols, frames, false);
  }

  /**
   * As {@link #dicomU8(int, int, int)}; with {@code deflated} the data set is stored with the
   * Deflated Explicit VR Little Endian transfer syntax, so a large image of smooth pixels takes a
   * few kilobytes: a deflate bomb's shape.
   */
  public static byte[] dicomU8(int rows, int cols, int frames, boolean deflated) {
    ByteArrayOutputStream ds = new ByteArrayOutputStream();
    String sop = "1.2.840.10008.5.1.4.1.1.7";
    String uid = "1.2.826.0.1.3680043.8.498.1";
    element(ds, 0x0008, 0x0016, "UI", uid(sop));
    element(ds, 0x0008, 0x0018, "UI", uid(uid));
    element(ds, 0x0008, 0x0060, "CS", text("OT"));
    element(ds, 0x0010, 0x0020, "LO", text("HOSTILE"));
    element(ds, 0x0028, 0x0002, "US", u16(1));
    element(ds, 0x0028, 0x0004, "CS", text("MONOCHROME2"));
    if (frames > 1) {
      element(ds, 0x0028, 0x0008, "IS", text(String.valueOf(frames)));
    }
    element(ds, 0x0028, 0x0010, "US", u16(rows));
    element(ds, 0x0028, 0x0011, "US", u16(cols));
    element(ds, 0x0028, 0x0100, "US", u16(8));
    element(ds, 0x0028, 0x0101, "US", u16(8));
    element(ds, 0x0028, 0x0102, "US", u16(7));
    element(ds, 0x0028, 0x0103, "US", u16(0));
    byte[] px = new byte[rows * cols * frames];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i % cols / 16 + i / cols / 16);
    }
    element(ds, 0x7FE0, 0x0010, "OB", px.length % 2 == 0 ? px : Arrays.copyOf(px, px.length + 1));

    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
    element(meta, 0x0002, 0x0002, "UI", uid(sop));
    element(meta, 0x0002, 0x0003, "UI", uid(uid));
    element(
        meta,
        0x0002,
        0x0010,
        "UI",
        uid(deflated ? "1.2.840.10008.1.2.1.99" : "1.2.840.10008.1.2.1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[128]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    element(out, 0x0002, 0x0000, "UL", le(4).putInt(meta.size()).array());
    out.writeBytes(meta.toByteArray());
    if (!deflated) {
      out.writeBytes(ds.toByteArray());
      return out.toByteArray();
    }
    Deflater d = new Deflater(1, true);
    d.setInput(ds.toByteArray());
    d.finish();
    byte[] buf = new byte[1 << 16];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static void element(ByteArrayOutputStream o, int group, int elem, String vr, byte[] v) {
    boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN");
    ByteBuffer b = le(longForm ? 12 : 8);
    b.putShort((short) group).putShort((short) elem);
    b.put(vr.getBytes(StandardCharsets.US_ASCII));
    if (longForm) {
      b.putShort((short) 0).putInt(v.length);
    } else {
      b.putShort((short) v.length);
    }
    o.writeBytes(b.array());
    o.writeBytes(v);
  }

  private static byte[] uid(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return b.length % 2 == 0 ? b : Arrays.copyOf(b, b.length + 1);
  }

  private static byte[] text(String s) {
    return (s.length() % 2 == 0 ? s : s + " ").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] u16(int v) {
    return le(2).putShort((short) v).array();
  }
}
