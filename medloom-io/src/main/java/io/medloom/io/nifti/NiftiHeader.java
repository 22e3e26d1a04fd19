package io.medloom.io.nifti;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a NIfTI-1 (348-byte) or NIfTI-2 (540-byte) header that the reader needs, already
 * widened to NIfTI-2 types (long dims, double pixdim) so the rest of the code handles one shape.
 *
 * @param version 1 or 2
 * @param singleFile true for magic {@code n+1}/{@code n+2} (data in the same file), false for a
 *     {@code .hdr}/{@code .img} pair ({@code ni1}/{@code ni2})
 * @param dim dim[0..7] as stored
 * @param pixdim pixdim[0..7]; pixdim[0] is qfac
 * @param quatern quatern_b, quatern_c, quatern_d
 * @param qoffset qoffset_x, qoffset_y, qoffset_z
 * @param srow srow_x, srow_y, srow_z (3 rows of 4)
 */
record NiftiHeader(
    int version,
    ByteOrder order,
    boolean singleFile,
    long[] dim,
    int datatype,
    double[] pixdim,
    long voxOffset,
    double sclSlope,
    double sclInter,
    String descrip,
    int qformCode,
    int sformCode,
    double[] quatern,
    double[] qoffset,
    double[][] srow) {

  static final int NIFTI1_SIZE = 348;
  static final int NIFTI2_SIZE = 540;

  /**
   * Tells the header size and byte order from the first four bytes ({@code sizeof_hdr}): it must
   * read 348 or 540 in one of the two byte orders; that is the only endianness marker NIfTI has.
   */
  static ByteOrder detectOrder(byte[] first4, String source) throws IOException {
    int le = ByteBuffer.wrap(first4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int be = ByteBuffer.wrap(first4).order(ByteOrder.BIG_ENDIAN).getInt();
    if (le == NIFTI1_SIZE || le == NIFTI2_SIZE) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    if (be == NIFTI1_SIZE || be == NIFTI2_SIZE) {
      return ByteOrder.BIG_ENDIAN;
    }
    throw new IOException(
        source
            + ": not a NIfTI header: sizeof_hdr is "
            + le
            + " (little-endian) / "
            + be
            + " (big-endian), expected 348 (NIfTI-1) or 540 (NIfTI-2)");
  }

  static int sizeOf(byte[] first4, ByteOrder order) {
    return ByteBuffer.wrap(first4).order(order).getInt();
  }

  /** Parses a whole header ({@code bytes.length} is 348 or 540, byte order already detected). */
  static NiftiHeader parse(byte[] bytes, ByteOrder order, String source) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
    return bytes.length == NIFTI2_SIZE ? parse2(b, source) : parse1(b, source);
  }

  private static NiftiHeader parse1(ByteBuffer b, String source) throws IOException {
    boolean single = magic(b, 344, '1', source);
    long[] dim = new long[8];
    for (int i = 0; i < 8; i++) {
      dim[i] = b.getShort(40 + 2 * i);
    }
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      pixdim[i] = b.getFloat(76 + 4 * i);
    }
    double[][] srow = new double[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        srow[r][c] = b.getFloat(280 + 16 * r + 4 * c);
      }
    }
    return new NiftiHeader(
        1,
        b.order(),
        single,
        dim,
        b.getShort(70),
        pixdim,
        voxOffset(b.getFloat(108), source),
        b.getFloat(112),
        b.getFloat(116),
        text(b, 148, 80),
        b.getShort(252),
        b.getShort(254),
        new double[] {b.getFloat(256), b.getFloat(260), b.getFloat(264)},
        new double[] {b.getFloat(268), b.getFloat(272), b.getFloat(276)},
        srow);
  }

  private static NiftiHeader parse2(ByteBuffer b, String source) throws IOException {
    boolean single = magic(b, 4, '2', source);
    long[] dim = new long[8];
    for (int i = 0; i < 8; i++) {
      dim[i] = b.getLong(16 + 8 * i);
    }
    double[] pixdim = new double[8];
    for (int i = 0; i < 8; i++) {
      pixdim[i] = b.getDouble(104 + 8 * i);
    }
    double[][] srow = new double[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        srow[r][c] = b.getDouble(400 + 32 * r + 8 * c);
      }
    }
    long off = b.getLong(168);
    if (off < 0) {
      throw new IOException(source + ": negative vox_offset " + off);
    }
    return new NiftiHeader(
        2,
        b.order(),
        single,
        dim,
        b.getShort(12),
        pixdim,
        off,
        b.getDouble(176),
        b.getDouble(184),
        text(b, 240, 80),
        b.getInt(344),
        b.getInt(348),
        new double[] {b.getDouble(352), b.getDouble(360), b.getDouble(368)},
        new double[] {b.getDouble(376), b.getDouble(384), b.getDouble(392)},
        srow);
  }

  /** Checks "n+V\0" (single file) or "niV\0" (pair) and says which one it is. */
  private static boolean magic(ByteBuffer b, int at, char version, String source)
      throws IOException {
    byte[] m = new byte[4];
    b.get(at, m);
    boolean single = m[0] == 'n' && m[1] == '+' && m[2] == version && m[3] == 0;
    boolean pair = m[0] == 'n' && m[1] == 'i' && m[2] == version && m[3] == 0;
    if (!single && !pair) {
      throw new IOException(
          source
              + ": bad NIfTI-"
              + version
              + " magic "
              + printable(m)
              + ", expected \"n+"
              + version
              + "\" or \"ni"
              + version
              + "\" (an Analyze 7.5 file without magic is not supported)");
    }
    return single;
  }

  private static long voxOffset(float v, String source) throws IOException {
    // NIfTI-1 stores vox_offset as a float; it must be a non-negative whole byte count.
    if (!Float.isFinite(v) || v < 0 || v != Math.rint(v)) {
      throw new IOException(source + ": invalid vox_offset " + v);
    }
    return (long) v;
  }

  private static String text(ByteBuffer b, int at, int len) {
    byte[] raw = new byte[len];
    b.get(at, raw);
    int n = 0;
    while (n < len && raw[n] != 0) {
      n++;
    }
    return new String(raw, 0, n, StandardCharsets.ISO_8859_1).strip();
  }

  private static String printable(byte[] m) {
    StringBuilder s = new StringBuilder("\"");
    for (byte x : m) {
      if (x >= 32 && x < 127) {
        s.append((char) x);
      } else {
        s.append(String.format("\\x%02x", x & 0xff));
      }
    }
    return s.append('"').toString();
  }

  /** Bytes before the data in a single file: vox_offset, but never inside the header itself. */
  long dataOffsetSingle() {
    // Old writers leave vox_offset 0 in n+1 files; nibabel then reads from 352 (348 + the 4-byte
    // extension flag), so do the same rather than decoding the header as voxels.
    long min = version == 1 ? NIFTI1_SIZE + 4 : NIFTI2_SIZE + 4;
    return Math.max(voxOffset, min);
  }
}
