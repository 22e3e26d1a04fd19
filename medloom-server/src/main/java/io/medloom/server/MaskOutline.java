package io.medloom.server;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.CocoRle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** A region's mask as a transparent PNG: outline opaque, inside faintly tinted. */
final class MaskOutline {
  private MaskOutline() {}

  static byte[] png(String rle, int width, int height, int rgb) throws IOException {
    BitMask m = CocoRle.decode(rle, width, height);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (!m.get(x, y)) {
          continue;
        }
        boolean edge =
            x == 0
                || y == 0
                || x == width - 1
                || y == height - 1
                || !m.get(x - 1, y)
                || !m.get(x + 1, y)
                || !m.get(x, y - 1)
                || !m.get(x, y + 1);
        img.setRGB(x, y, (edge ? 0xff000000 : 0x30000000) | rgb);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }
}
