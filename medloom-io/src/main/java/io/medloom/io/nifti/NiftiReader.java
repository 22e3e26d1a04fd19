package io.medloom.io.nifti;

import io.medloom.core.source.ReadBudget;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads NIfTI-1 and NIfTI-2 volumes: single {@code .nii}, gzipped {@code .nii.gz}, and {@code
 * .hdr}/{@code .img} pairs (either may be gzipped; pass either file of the pair). Gzip is detected
 * by content, not name. Only the JDK is used.
 *
 * <p>Every problem with the file is an {@link IOException} whose message names the file, the field
 * and the bad value; nothing is guessed except what nibabel also fixes silently (vox_offset 0 in a
 * single file means "right after the header", qfac 0 means 1).
 */
public final class NiftiReader {
  /**
   * Most values a Java float[] can hold; the "2^31 voxel budget" (values, counting RGB channels).
   */
  static final long MAX_VALUES = Integer.MAX_VALUE - 8;

  /** Deflate cannot expand data by more than ~1032:1, so a smaller .gz cannot hold the voxels. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  private static final int CHUNK = 1 << 16;

  private NiftiReader() {}

  /** Reads a volume within the {@linkplain ReadBudget#standard() standard} read budget. */
  public static NiftiVolume read(Path path) throws IOException {
    return read(path, ReadBudget.standard());
  }

  /**
   * Reads a volume whose slices (in any plane) fit the budget's pixel limit and whose voxels, as
   * floats, fit its byte limit; both are checked from the header before anything is allocated.
   */
  public static NiftiVolume read(Path path, ReadBudget budget) throws IOException {
    Path headerPath = headerPathFor(path);
    String src = headerPath.toString();
    try (InputStream in = open(headerPath)) {
      byte[] first4 = readFully(in, 4, src, "sizeof_hdr");
      ByteOrder order = NiftiHeader.detectOrder(first4, src);
      int size = NiftiHeader.sizeOf(first4, order);
      byte[] raw = new byte[size];
      System.arraycopy(first4, 0, raw, 0, 4);
      System.arraycopy(readFully(in, size - 4, src, "header"), 0, raw, 4, size - 4);
      NiftiHeader h = NiftiHeader.parse(raw, order, src);
      Layout layout = layout(h, src);
      if (h.singleFile()) {
        return readData(h, layout, headerPath, in, h.dataOffsetSingle() - size, budget);
      }
      Path imagePath = imagePathFor(headerPath, h);
      try (InputStream img = open(imagePath)) {
        return readData(h, layout, imagePath, img, h.voxOffset(), budget);
      }
    }
  }

  /** Dims, datatype and sizes, validated before anything is allocated. */
  private record Layout(
      int nx, int ny, int nz, int nt, NiftiDataType type, long values, long bytes) {}

  private static Layout layout(NiftiHeader h, String src) throws IOException {
    long[] dim = h.dim();
    if (dim[0] < 1 || dim[0] > 7) {
      throw new IOException(src + ": dim[0] (number of dimensions) is " + dim[0] + ", not 1..7");
    }
    long[] d = {1, 1, 1, 1, 1, 1, 1, 1};
    for (int i = 1; i <= dim[0]; i++) {
      if (dim[i] <= 0) {
        throw new IOException(src + ": dim[" + i + "] is " + dim[i] + ", must be >= 1");
      }
      d[i] = dim[i];
    }
    for (int i = 5; i <= 7; i++) {
      if (d[i] > 1) {
        throw new IOException(
            src + ": dim[" + i + "] is " + d[i] + "; 5-D and higher volumes are not supported");
      }
    }
    NiftiDataType type = NiftiDataType.of(h.datatype());
    long values;
    try {
      values =
          Math.multiplyExact(
              Math.multiplyExact(Math.multiplyExact(d[1], d[2]), Math.multiplyExact(d[3], d[4])),
              (long) type.channels);
    } catch (ArithmeticException e) {
      throw new IOException(src + ": dims " + dims(d) + " overflow a 64-bit voxel count");
    }
    if (values > MAX_VALUES) {
      throw new IOException(
          src
              + ": dims "
              + dims(d)
              + " hold "
              + values
              + " values, more than the 2^31 voxel budget ("
              + MAX_VALUES
              + ")");
    }
    return new Layout(
        (int) d[1], (int) d[2], (int) d[3], (int) d[4], type, values, values * type.componentBytes);
  }

  /** Every 2-D slice the source may cut (any plane) and the float voxels, against the budget. */
  private static void checkBudget(Layout l, String src, ReadBudget budget) throws IOException {
    budget.checkPixels(l.nx(), l.ny(), src + ": axial slice");
    budget.checkPixels(l.nx(), l.nz(), src + ": coronal slice");
    budget.checkPixels(l.ny(), l.nz(), src + ": sagittal slice");
    budget.checkBytes(src + ": " + dims(l) + " volume as floats", l.values(), Float.BYTES);
  }

  private static String dims(long[] d) {
    return d[1] + "x" + d[2] + "x" + d[3] + "x" + d[4];
  }

  private static NiftiVolume readData(
      NiftiHeader h, Layout l, Path dataPath, InputStream in, long skip, ReadBudget budget)
      throws IOException {
    String src = dataPath.toString();
    boolean gz = isGzip(dataPath);
    long fileSize = Files.size(dataPath);
    // Refuse before allocating: a lying header must not make us reserve gigabytes.
    if (!gz) {
      long available = fileSize - (h.singleFile() ? h.dataOffsetSingle() : h.voxOffset());
      if (available < l.bytes()) {
        throw truncated(src, h, l, Math.max(0, available));
      }
    } else if (fileSize * MAX_DEFLATE_RATIO < l.bytes()) {
      throw new IOException(
          src
              + ": truncated or lying header: a "
              + fileSize
              + "-byte gzip file cannot hold the "
              + l.bytes()
              + " data bytes the header promises ("
              + l.values()
              + " values of "
              + l.type()
              + ")");
    }
    // The file-size checks above say the data cannot be there; the budget, that it is too much.
    checkBudget(l, src, budget);
    if (gz && skip > budget.maxBytes()) {
      throw new IOException(
          src + ": vox_offset " + skip + " is beyond the read budget of " + budget.maxBytes());
    }
    try {
      in.skipNBytes(skip);
    } catch (EOFException e) {
      throw new IOException(
          src + ": file ends before the data starts at vox_offset " + h.voxOffset(), e);
    }
    float[] data = new float[(int) l.values()];
    double slope = h.sclSlope();
    double inter = h.sclInter();
    // NIfTI: scl_slope 0 (or NaN, written by tools meaning "unset") turns scaling off. RGB is never
    // scaled. A NaN/inf intercept next to a valid slope is treated as 0 rather than NaN-ing all
    // data.
    boolean scaled = slope != 0 && Double.isFinite(slope) && l.type() != NiftiDataType.RGB24;
    if (scaled && !Double.isFinite(inter)) {
      inter = 0;
    }
    long got = 0;
    byte[] buf = new byte[CHUNK * 8];
    int filled = 0;
    int n = 0;
    int elem = l.type().componentBytes;
    try {
      while (n < data.length) {
        long want = Math.min(buf.length, (data.length - (long) n) * elem);
        int r = in.read(buf, filled, (int) want - filled);
        if (r < 0) {
          throw truncated(src, h, l, got + filled);
        }
        filled += r;
        int whole = filled - filled % elem;
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, whole).order(h.order());
        while (bb.remaining() >= elem) {
          double v = l.type().read(bb);
          data[n++] = (float) (scaled ? v * slope + inter : v);
        }
        System.arraycopy(buf, whole, buf, 0, filled - whole);
        got += whole;
        filled -= whole;
      }
    } catch (EOFException e) {
      throw new IOException(
          src
              + ": gzip stream ends early after "
              + (got + filled)
              + " of "
              + l.bytes()
              + " data bytes ("
              + e.getMessage()
              + ")",
          e);
    } catch (ZipException e) {
      throw new IOException(src + ": corrupt gzip data: " + e.getMessage(), e);
    }
    boolean integer =
        l.type().integer && (!scaled || (slope == Math.rint(slope) && inter == Math.rint(inter)));
    double[][] affine = NiftiGeometry.bestAffine(h);
    return new NiftiVolume(
        l.nx(),
        l.ny(),
        l.nz(),
        l.nt(),
        l.type().channels,
        new double[] {h.pixdim()[1], h.pixdim()[2], h.pixdim()[3]},
        h.datatype(),
        data,
        affine,
        NiftiGeometry.axisCodes(affine),
        h.descrip(),
        integer);
  }

  private static IOException truncated(String src, NiftiHeader h, Layout l, long actual) {
    return new IOException(
        src
            + ": truncated: expected "
            + l.bytes()
            + " data bytes ("
            + dims(l)
            + " x "
            + l.type().componentBytes * l.type().channels
            + " bytes, "
            + l.type()
            + ") from offset "
            + (h.singleFile() ? h.dataOffsetSingle() : h.voxOffset())
            + ", actual "
            + actual);
  }

  private static String dims(Layout l) {
    return l.nx() + "x" + l.ny() + "x" + l.nz() + "x" + l.nt();
  }

  private static byte[] readFully(InputStream in, int n, String src, String what)
      throws IOException {
    try {
      byte[] b = in.readNBytes(n);
      if (b.length < n) {
        throw new IOException(
            src + ": truncated " + what + ": expected " + n + " bytes, actual " + b.length);
      }
      return b;
    } catch (EOFException e) {
      throw new IOException(src + ": gzip stream ends early inside the " + what, e);
    } catch (ZipException e) {
      throw new IOException(src + ": corrupt gzip data in the " + what + ": " + e.getMessage(), e);
    }
  }

  /** Opens a file, transparently gunzipping when it starts with the gzip magic 1f 8b. */
  private static InputStream open(Path p) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(p), CHUNK);
    if (!isGzip(p)) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, CHUNK);
    } catch (IOException e) {
      raw.close();
      throw new IOException(p + ": bad gzip header: " + e.getMessage(), e);
    }
  }

  private static boolean isGzip(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      byte[] m = in.readNBytes(2);
      return m.length == 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b;
    }
  }

  /** For a .img(.gz) return its .hdr(.gz); anything else is its own header. */
  private static Path headerPathFor(Path p) throws IOException {
    if (!Files.exists(p)) {
      throw new NoSuchFileException(p.toString());
    }
    String base = stem(p, "img");
    return base == null ? p : sibling(p, base, "hdr");
  }

  private static Path imagePathFor(Path header, NiftiHeader h) throws IOException {
    String base = stem(header, "hdr");
    if (base == null) {
      throw new IOException(
          header
              + ": magic \"ni"
              + h.version()
              + "\" says the data is in a separate .img file,"
              + " but this file is not named .hdr/.hdr.gz");
    }
    return sibling(header, base, "img");
  }

  /** The name without ".ext" or ".ext.gz" (any case), or null if it has neither. */
  private static String stem(Path p, String ext) {
    String name = p.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    for (String suffix : List.of("." + ext, "." + ext + ".gz")) {
      if (lower.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return null;
  }

  private static Path sibling(Path p, String base, String ext) throws IOException {
    String up = ext.toUpperCase(Locale.ROOT);
    for (String s : List.of("." + ext, "." + ext + ".gz", "." + up, "." + up + ".GZ")) {
      Path c = p.resolveSibling(base + s);
      if (Files.exists(c)) {
        return c;
      }
    }
    throw new NoSuchFileException(
        p.resolveSibling(base + "." + ext).toString(),
        null,
        "the other half of the NIfTI pair for " + p + " is missing");
  }
}
