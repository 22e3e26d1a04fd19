package io.medloom.io.image;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Width, height, bit depth and channel count read straight from a PNG or JPEG header, without a
 * decoder: enough to refuse a decompression bomb before any pixel memory exists and to choose how
 * to decode.
 *
 * @param channels colour components (1 gray, 2 gray+alpha, 3 colour, 4 colour+alpha)
 * @param bitDepth bits per sample
 */
record ImageHeader(int width, int height, int channels, int bitDepth) {

  static Optional<ImageHeader> parse(byte[] b, ImageFormat format) {
    return switch (format) {
      case PNG -> png(b);
      case JPEG -> jpeg(b);
      default -> Optional.empty();
    };
  }

  private static Optional<ImageHeader> png(byte[] b) {
    if (b.length < 29) {
      return Optional.empty();
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    int colorType = b[25] & 0xff;
    int channels =
        switch (colorType) {
          case 0 -> 1;
          case 4 -> 2;
          case 2, 3 -> 3;
          case 6 -> 4;
          default -> 0;
        };
    return Optional.of(new ImageHeader(buf.getInt(16), buf.getInt(20), channels, b[24] & 0xff));
  }

  /** Walks the marker segments up to the first start-of-frame (SOF0..SOF15 but DHT, JPG, DAC). */
  private static Optional<ImageHeader> jpeg(byte[] b) {
    int p = 2;
    while (p + 4 <= b.length) {
      if ((b[p] & 0xff) != 0xFF) {
        return Optional.empty();
      }
      int marker = b[p + 1] & 0xff;
      if (marker == 0xFF) {
        p++; // fill byte
        continue;
      }
      int len = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
      boolean sof =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        if (p + 10 > b.length) {
          return Optional.empty();
        }
        int precision = b[p + 4] & 0xff;
        int h = ((b[p + 5] & 0xff) << 8) | (b[p + 6] & 0xff);
        int w = ((b[p + 7] & 0xff) << 8) | (b[p + 8] & 0xff);
        return Optional.of(new ImageHeader(w, h, b[p + 9] & 0xff, precision));
      }
      if (marker == 0xDA || len < 2) {
        return Optional.empty();
      }
      p += 2 + len;
    }
    return Optional.empty();
  }

  /** True when a JPEG ends with its end-of-image marker (allowing a little trailing padding). */
  static boolean jpegHasEnd(byte[] b) {
    for (int i = b.length - 2; i >= Math.max(0, b.length - 4096); i--) {
      if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) {
        return true;
      }
    }
    return false;
  }
}
