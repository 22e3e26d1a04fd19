package io.medloom.io.image;

import io.medloom.core.image.Raster;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The fast decoding path: libjpeg-turbo and libpng through OpenCV's {@code imdecode}. A JPEG much
 * larger than the target is decoded at 1/2, 1/4 or 1/8 scale in the DCT domain, which skips most of
 * the inverse transform; the result is never smaller than the target, so the resampler still does
 * the final, antialiased step.
 *
 * <p>It only takes the cases it decodes exactly like the ImageIO path (8-bit JPEG and PNG, EXIF
 * orientation ignored) and answers empty for everything else, including any file the native decoder
 * would only warn about (a JPEG without its end marker): the caller then falls back to ImageIO,
 * which also gives the precise reason for a damaged file.
 */
final class OpenCvDecoder {
  private static final Logger LOG = Logger.getLogger(OpenCvDecoder.class.getName());
  private static final boolean AVAILABLE = load();

  private OpenCvDecoder() {}

  private static boolean load() {
    if (Boolean.getBoolean("medloom.noOpenCv")) {
      return false;
    }
    try {
      String lib = System.mapLibraryName(Core.NATIVE_LIBRARY_NAME);
      boolean cached =
          NativeLibraryCache.openCvPlatform()
              .flatMap(
                  platform ->
                      NativeLibraryCache.load(
                          "/nu/pattern/opencv/" + platform + "/" + lib,
                          "opencv-" + Core.VERSION + "-" + platform.replace('/', '-')))
              .isPresent();
      if (!cached) {
        nu.pattern.OpenCV.loadLocally();
      }
      // MedLoom runs its own worker threads; OpenCV's thread pool would only oversubscribe them.
      Core.setNumThreads(1);
      return true;
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "OpenCV native codecs unavailable, decoding with ImageIO: " + t);
      return false;
    }
  }

  static boolean available() {
    return AVAILABLE;
  }

  /**
   * Decodes when this path applies; {@code reduceTo} > 0 allows DCT-domain downscaling as long as
   * the longer side stays at least {@code reduceTo}.
   */
  static Optional<Raster> decode(byte[] bytes, ImageFormat format, ImageHeader h, int reduceTo) {
    // 16-bit samples stay with ImageIO, whose path scales them min..max; 1-, 2- and 4-bit PNGs
    // (binary masks are 1-bit) are expanded to 0..255 by libpng exactly as ImageIO does.
    boolean lowBitPng = format == ImageFormat.PNG && h.bitDepth() < 8;
    if (!AVAILABLE || (h.bitDepth() != 8 && !lowBitPng)) {
      return Optional.empty();
    }
    boolean gray;
    int reduction = 1;
    if (format == ImageFormat.JPEG) {
      if ((h.channels() != 1 && h.channels() != 3) || !ImageHeader.jpegHasEnd(bytes)) {
        return Optional.empty();
      }
      gray = h.channels() == 1;
      if (reduceTo > 0) {
        int longer = Math.max(h.width(), h.height());
        while (reduction < 8 && longer / (reduction * 2) >= reduceTo) {
          reduction *= 2;
        }
      }
    } else if (format == ImageFormat.PNG) {
      if (h.channels() == 0) {
        return Optional.empty();
      }
      gray = h.channels() <= 2;
    } else {
      return Optional.empty();
    }
    int flags = flags(gray, reduction) | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
    MatOfByte buf = new MatOfByte(bytes);
    Mat m = Imgcodecs.imdecode(buf, flags);
    try {
      if (m.empty() || m.cols() <= 0 || m.rows() <= 0) {
        return Optional.empty();
      }
      int ch = m.channels();
      if (ch != 1 && ch != 3) {
        return Optional.empty();
      }
      byte[] px = new byte[m.cols() * m.rows() * ch];
      m.get(0, 0, px);
      return Optional.of(
          ch == 1 ? new Raster(m.cols(), m.rows(), 1, px) : fromBgr(m.cols(), m.rows(), px));
    } finally {
      m.release();
      buf.release();
    }
  }

  /**
   * One pass over OpenCV's BGR pixels: luma and the count of clearly coloured pixels together; gray
   * stored as colour (most films) becomes one channel, true colour becomes RGB. Same rule as {@link
   * Raster#isNearlyGray()}, without three more passes over the image.
   */
  static Raster fromBgr(int w, int h, byte[] bgr) {
    byte[] gray = new byte[w * h];
    long allowed = (long) w * h / 100;
    long colourful = 0;
    for (int i = 0, j = 0; j < gray.length; i += 3, j++) {
      int b = bgr[i] & 0xff;
      int g = bgr[i + 1] & 0xff;
      int r = bgr[i + 2] & 0xff;
      // Counted without a branch: on gray films the count stays near zero, and a branch the
      // optimizing compiler saw untaken sent it back to recompile the loop at each film with a few
      // colourful pixels (measured: 6-7 compilations of this method in a 1,092-film run).
      int spread = Math.max(Math.abs(r - g), Math.max(Math.abs(g - b), Math.abs(r - b)));
      colourful += (Raster.GRAY_TOLERANCE - spread) >>> 31; // 1 when spread > tolerance
      gray[j] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
    }
    if (colourful <= allowed) {
      return new Raster(w, h, 1, gray);
    }
    for (int i = 0; i < bgr.length; i += 3) {
      byte t = bgr[i];
      bgr[i] = bgr[i + 2];
      bgr[i + 2] = t;
    }
    return new Raster(w, h, 3, bgr);
  }

  private static int flags(boolean gray, int reduction) {
    return switch (reduction) {
      case 2 -> gray ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_2 : Imgcodecs.IMREAD_REDUCED_COLOR_2;
      case 4 -> gray ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_4 : Imgcodecs.IMREAD_REDUCED_COLOR_4;
      case 8 -> gray ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8 : Imgcodecs.IMREAD_REDUCED_COLOR_8;
      default -> gray ? Imgcodecs.IMREAD_GRAYSCALE : Imgcodecs.IMREAD_COLOR;
    };
  }
}
