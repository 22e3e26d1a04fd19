package io.medloom.export;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

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
   * Decodes a PNG and converts it to {@code channels}: gray is replicated to RGB; RGB becomes gray
   * with the ITU-R 601 weights PIL's {@code convert("L")} uses, so Python readers that convert
   * themselves see the same values. 16-bit samples keep their high byte; alpha is dropped.
   */
  static Pixels decodePng(byte[] png, int channels) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    if (img == null) {
      throw new IOException("not a decodable PNG (" + png.length + " bytes)");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] out = new byte[w * h * channels];
    Raster r = img.getRaster();
    boolean indexed = img.getColorModel() instanceof IndexColorModel;
    int bands = r.getNumBands();
    int shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);
    int[] px = new int[Math.max(bands, 4)];
    int o = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int red;
        int green;
        int blue;
        if (indexed) {
          int argb = img.getRGB(x, y);
          red = (argb >> 16) & 0xff;
          green = (argb >> 8) & 0xff;
          blue = argb & 0xff;
        } else {
          r.getPixel(x, y, px);
          if (bands < 3) { // gray or gray+alpha
            red = green = blue = px[0] >> shift;
          } else {
            red = px[0] >> shift;
            green = px[1] >> shift;
            blue = px[2] >> shift;
          }
        }
        if (channels == 1) {
          out[o++] =
              (byte)
                  (red == green && green == blue
                      ? red
                      : (red * 299 + green * 587 + blue * 114) / 1000);
        } else {
          out[o++] = (byte) red;
          out[o++] = (byte) green;
          out[o++] = (byte) blue;
        }
      }
    }
    return new Pixels(w, h, channels, out);
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
