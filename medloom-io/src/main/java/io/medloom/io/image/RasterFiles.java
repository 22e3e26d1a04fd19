package io.medloom.io.image;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.image.Raster;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG, JPEG, BMP, TIFF and GIF files into 8-bit {@link Raster}s with the JDK's ImageIO,
 * refusing bad files with a reason a user can act on.
 *
 * <p>Checks happen in the cheapest order: empty file, magic bytes against the extension, header
 * dimensions against a pixel budget (a 50,000 x 50,000 header is refused before any pixel memory is
 * allocated), then decoding with reader warnings promoted to errors, because the JDK's JPEG reader
 * only <em>warns</em> about a truncated file and returns a half-grey image.
 */
public final class RasterFiles {
  private RasterFiles() {}

  /**
   * How to decode.
   *
   * @param maxPixels refuse headers announcing more pixels than this
   * @param trustContent read a file whose extension lies about its format by its content, instead
   *     of refusing it: a file whose name lies is often a botched conversion, so by default the
   *     user sees it in the rejects (real collections have them: a PNG saved as .jpg)
   * @param reduceTo when > 0, a large JPEG may be decoded at 1/2..1/8 scale as long as its longer
   *     side stays at least this; only for callers with no pixel-coordinate annotations
   */
  public record DecodeOptions(long maxPixels, boolean trustContent, int reduceTo) {
    public static DecodeOptions full(long maxPixels) {
      return new DecodeOptions(maxPixels, false, 0);
    }
  }

  /** Reads a file at full resolution, refusing content that does not match its extension. */
  public static Raster read(Path path, long maxPixels) throws IOException {
    return read(path, DecodeOptions.full(maxPixels));
  }

  public static Raster read(Path path, DecodeOptions options) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    String name = path.getFileName().toString();
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
    Optional<ImageHeader> header = ImageHeader.parse(bytes, format);
    if (header.isPresent()) {
      checkSize(header.get().width(), header.get().height(), options.maxPixels());
      Optional<Raster> fast = OpenCvDecoder.decode(bytes, format, header.get(), options.reduceTo());
      if (fast.isPresent()) {
        return fast.get(); // already gray when the colour was only JPEG noise
      }
    }
    return decodeWithImageIo(bytes, format, options.maxPixels());
  }

  private static Raster decodeWithImageIo(byte[] bytes, ImageFormat format, long maxPixels)
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
        checkSize(w, h, maxPixels);
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

  private static void checkSize(long w, long h, long maxPixels) throws IOException {
    if (w <= 0 || h <= 0) {
      throw new IOException("zero-dimension image: " + w + "x" + h);
    }
    if (w * h > maxPixels) {
      throw new IOException(
          "image of "
              + w
              + "x"
              + h
              + " = "
              + (w * h)
              + " pixels exceeds the limit of "
              + maxPixels
              + " (possible decompression bomb; raise --max-pixels if it is real)");
    }
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

  /** Converts any decoded image to 8-bit gray or RGB; 16-bit gray is scaled min..max to 0..255. */
  public static Raster toRaster(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    checkArgument(w > 0 && h > 0, "zero-dimension image: %sx%s", w, h);
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
