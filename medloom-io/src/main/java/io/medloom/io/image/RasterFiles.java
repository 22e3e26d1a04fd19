package io.medloom.io.image;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.image.Raster;
import io.medloom.core.source.ReadBudget;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG, JPEG, BMP, TIFF and GIF files into 8-bit {@link Raster}s with the JDK's ImageIO,
 * refusing bad files with a reason a user can act on.
 *
 * <p>Checks happen in the cheapest order: file size against the read budget, empty file, magic
 * bytes against the extension, header dimensions and decoded bytes against the {@link ReadBudget}
 * (a 50,000 x 50,000 header is refused before any pixel memory is allocated), then decoding with
 * reader warnings promoted to errors, because the JDK's JPEG reader only <em>warns</em> about a
 * truncated file and returns a half-grey image. Floating-point images (TIFF) are windowed over
 * their finite values; one without any finite value is refused, and so is, unless it is a mask, an
 * image whose every pixel is the same (a blank frame or a failed export: nothing to learn from).
 */
public final class RasterFiles {
  private RasterFiles() {}

  /**
   * How to decode.
   *
   * @param budget refuse files, headers and decoded images larger than this
   * @param trustContent read a file whose extension lies about its format by its content, instead
   *     of refusing it: a file whose name lies is often a botched conversion, so by default the
   *     user sees it in the rejects (real collections have them: a PNG saved as .jpg)
   * @param reduceTo when > 0, a large JPEG may be decoded at 1/2..1/8 scale as long as its longer
   *     side stays at least this; only for callers with no pixel-coordinate annotations
   * @param mask the file is a mask, which may well be all one value (an image without a lesion)
   */
  public record DecodeOptions(ReadBudget budget, boolean trustContent, int reduceTo, boolean mask) {
    /**
     * An image (not a mask) within the {@link ReadBudget#forPixels} budget of {@code maxPixels}.
     */
    public DecodeOptions(long maxPixels, boolean trustContent, int reduceTo) {
      this(ReadBudget.forPixels(maxPixels), trustContent, reduceTo, false);
    }

    public DecodeOptions(ReadBudget budget, boolean trustContent, int reduceTo) {
      this(budget, trustContent, reduceTo, false);
    }

    public static DecodeOptions full(long maxPixels) {
      return new DecodeOptions(maxPixels, false, 0);
    }

    /** A mask file at full resolution: a single value throughout is allowed. */
    public static DecodeOptions mask(long maxPixels) {
      return new DecodeOptions(ReadBudget.forPixels(maxPixels), false, 0, true);
    }

    public long maxPixels() {
      return budget.maxPixels();
    }
  }

  /** Reads a file at full resolution, refusing content that does not match its extension. */
  public static Raster read(Path path, long maxPixels) throws IOException {
    return read(path, DecodeOptions.full(maxPixels));
  }

  public static Raster read(Path path, DecodeOptions options) throws IOException {
    String name = path.getFileName().toString();
    options.budget().checkBytes("file " + name, Files.size(path));
    byte[] bytes = Files.readAllBytes(path);
    if (bytes.length == 0) {
      throw new IOException("empty file (0 bytes)");
    }
    Optional<ImageFormat> content = ImageFormat.sniff(bytes, Math.min(bytes.length, 16));
    Optional<ImageFormat> claimed = ImageFormat.byExtension(name);
    if (content.isEmpty()) {
      throw new IOException(
          "not an image: content matches no supported format (PNG, JPEG, BMP, TIFF, GIF)"
              + claimed.map(f -> "; the extension claims " + f).orElse(""));
    }
    if (!options.trustContent() && claimed.isPresent() && claimed.get() != content.get()) {
      throw new IOException(
          "extension says "
              + claimed.get()
              + " but the content is "
              + content.get()
              + " (add the source option extension=trust-content to read such files by content)");
    }
    return decode(bytes, content.get(), options);
  }

  /**
   * Decodes image bytes of a known format: header checks first, then the native fast path, then
   * ImageIO (for other formats, and to name what is wrong with a file the fast path refused).
   */
  public static Raster decode(byte[] bytes, ImageFormat format, DecodeOptions options)
      throws IOException {
    Raster r = decodeAny(bytes, format, options);
    if (!options.mask() && isConstant(r)) {
      throw new IOException(
          "constant image: every pixel has the same value "
              + (r.pixels()[0] & 0xff)
              + " after conversion to 8 bits (a blank frame or a failed export; nothing to learn"
              + " from)");
    }
    return r;
  }

  /** True when every sample of every channel equals the first pixel's. */
  static boolean isConstant(Raster r) {
    byte[] p = r.pixels();
    int ch = r.channels();
    for (int i = ch; i < p.length; i++) {
      if (p[i] != p[i % ch]) {
        return false;
      }
    }
    return true;
  }

  private static Raster decodeAny(byte[] bytes, ImageFormat format, DecodeOptions options)
      throws IOException {
    Optional<ImageHeader> header =
        format == ImageFormat.TIFF
            ? TiffCheck.check(bytes, options.budget())
            : ImageHeader.parse(bytes, format);
    if (header.isPresent()) {
      ImageHeader h = header.get();
      checkSize(h.width(), h.height(), options.budget());
      options
          .budget()
          .checkBytes(
              format + " image " + h.width() + "x" + h.height(),
              h.width(),
              h.height(),
              Math.max(1, h.channels()),
              Math.max(1, (h.bitDepth() + 7) / 8));
      Optional<Raster> fast = OpenCvDecoder.decode(bytes, format, h, options.reduceTo());
      if (fast.isPresent()) {
        return fast.get(); // already gray when the colour was only JPEG noise
      }
    }
    return decodeWithImageIo(bytes, format, options.budget());
  }

  private static Raster decodeWithImageIo(byte[] bytes, ImageFormat format, ReadBudget budget)
      throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("no decoder for " + format);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w;
        int h;
        try {
          w = reader.getWidth(0);
          h = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw new IOException("unreadable " + format + " header: " + e.getMessage(), e);
        }
        checkSize(w, h, budget);
        budget.checkBytes(format + " image " + w + "x" + h, w, h, decodedBytesPerPixel(reader));
        StringBuilder warnings = new StringBuilder();
        reader.addIIOReadWarningListener((src, msg) -> warnings.append(msg).append("; "));
        BufferedImage img;
        try {
          img = reader.read(0);
        } catch (IOException | RuntimeException e) {
          throw new IOException("corrupt " + format + " data: " + rootMessage(e), e);
        }
        if (warnings.length() > 0) {
          throw new IOException(
              "damaged " + format + " data: " + warnings.substring(0, warnings.length() - 2));
        }
        return toRaster(img);
      } finally {
        reader.dispose();
      }
    }
  }

  private static void checkSize(long w, long h, ReadBudget budget) throws IOException {
    if (w <= 0 || h <= 0) {
      throw new IOException("zero-dimension image: " + w + "x" + h);
    }
    budget.checkPixels(w, h, "image");
  }

  /**
   * Bytes per pixel the decoder and the conversion after it hold: the raw samples, and at least the
   * 4-byte ARGB int the generic conversion goes through.
   */
  private static long decodedBytesPerPixel(ImageReader reader) throws IOException {
    long raw = 4;
    try {
      ImageTypeSpecifier type = reader.getRawImageType(0);
      if (type != null) {
        SampleModel sm = type.getSampleModel();
        long bits = 0;
        for (int b = 0; b < sm.getNumBands(); b++) {
          bits += sm.getSampleSize(b);
        }
        raw = Math.max(raw, (bits + 7) / 8);
      }
    } catch (IOException | RuntimeException e) {
      // No type before decoding (some TIFF layouts): the 4-byte conversion bound stands.
    }
    return raw;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return c == t
        ? String.valueOf(m)
        : t.getMessage() + " (" + c.getClass().getSimpleName() + ": " + m + ")";
  }

  /**
   * Converts any decoded image to 8-bit gray or RGB; 16-bit gray is scaled min..max to 0..255, and
   * floating-point samples over their finite min..max (NaN and -inf become 0, +inf 255). Throws
   * when a floating-point image has no finite value at all.
   */
  public static Raster toRaster(BufferedImage img) throws IOException {
    int w = img.getWidth();
    int h = img.getHeight();
    checkArgument(w > 0 && h > 0, "zero-dimension image: %sx%s", w, h);
    int dataType = img.getRaster().getDataBuffer().getDataType();
    if (dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE) {
      return FloatRasters.toRaster(img.getRaster(), w, h);
    }
    switch (img.getType()) {
      case BufferedImage.TYPE_BYTE_GRAY:
        {
          byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
          if (data.length == w * h && img.getRaster().getMinX() == 0) {
            return new Raster(w, h, 1, data.clone());
          }
          break;
        }
      case BufferedImage.TYPE_USHORT_GRAY:
        return fromUshortGray(img.getRaster(), w, h);
      case BufferedImage.TYPE_3BYTE_BGR:
        {
          byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
          if (data.length == w * h * 3) {
            byte[] rgb = new byte[data.length];
            for (int i = 0; i < data.length; i += 3) {
              rgb[i] = data[i + 2];
              rgb[i + 1] = data[i + 1];
              rgb[i + 2] = data[i];
            }
            return grayIfNearlyGray(new Raster(w, h, 3, rgb));
          }
          break;
        }
      default:
        break;
    }
    if (img.getColorModel().getNumColorComponents() == 1
        && img.getRaster().getNumBands() == 1
        && img.getColorModel().getComponentSize(0) > 8) {
      return fromUshortGray(img.getRaster(), w, h);
    }
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0, j = 0; i < argb.length; i++, j += 3) {
      int p = argb[i];
      rgb[j] = (byte) (p >> 16);
      rgb[j + 1] = (byte) (p >> 8);
      rgb[j + 2] = (byte) p;
    }
    return grayIfNearlyGray(new Raster(w, h, 3, rgb));
  }

  /** Radiographs are often saved as colour JPEGs; one channel is what they really have. */
  private static Raster grayIfNearlyGray(Raster r) {
    return r.isNearlyGray() ? r.toGray() : r;
  }

  private static Raster fromUshortGray(WritableRaster src, int w, int h) {
    int[] v = src.getSamples(0, 0, w, h, 0, (int[]) null);
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double scale = max > min ? 255.0 / (max - min) : 0;
    byte[] out = new byte[w * h];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) Math.round((v[i] - min) * scale);
    }
    return new Raster(w, h, 1, out);
  }
}
