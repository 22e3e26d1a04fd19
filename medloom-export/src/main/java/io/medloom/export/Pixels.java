package io.medloom.export;

import io.medloom.core.image.PngDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;

/**
 * 8-bit pixels of one image, row-major, channels interleaved (HWC) — the memory layout of a numpy
 * uint8 array of shape (H,W) or (H,W,3).
 */
record Pixels(int width, int height, int channels, byte[] data) {
  Pixels {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (data.length != width * height * channels) {
      throw new IllegalArgumentException(
          "pixel buffer has "
              + data.length
              + " bytes, expected "
              + width
              + "x"
              + height
              + "x"
              + channels);
    }
  }

  /**
   * Decodes a PNG ({@link PngDecoder}) and converts it to {@code channels}: gray is replicated to
   * RGB; RGB becomes gray with the ITU-R 601 luma Pillow's {@code convert("L")} computes, so Python
   * readers that convert themselves see the same values.
   */
  static Pixels decodePng(byte[] png, int channels) throws IOException {
    io.medloom.core.image.Raster r = PngDecoder.decode(png).withChannels(channels);
    return new Pixels(r.width(), r.height(), channels, r.pixels());
  }

  /** An image with exactly these values (TYPE_BYTE_GRAY or TYPE_3BYTE_BGR) for ImageIO writers. */
  BufferedImage toImage() {
    BufferedImage img =
        new BufferedImage(
            width,
            height,
            channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster r = img.getRaster();
    int[] px = new int[channels];
    int o = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < channels; c++) {
          px[c] = data[o++] & 0xff; // raster bands are R,G,B whatever the storage order
        }
        r.setPixel(x, y, px);
      }
    }
    return img;
  }
}
