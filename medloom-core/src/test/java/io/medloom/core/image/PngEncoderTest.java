package io.medloom.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
  @Test
  void grayAndRgbDecodeBackToTheSamePixelsWithTheJdkDecoder() throws Exception {
    Random r = new Random(1);
    for (int ch : new int[] {1, 3}) {
      int w = 37;
      int h = 23;
      byte[] px = new byte[w * h * ch];
      for (int i = 0; i < px.length; i++) {
        px[i] = (byte) ((i / ch) % w * 5 + r.nextInt(30));
      }
      byte[] png = new PngEncoder().encode(new Raster(w, h, ch, px));
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(img.getWidth()).isEqualTo(w);
      assertThat(img.getRaster().getNumBands()).isEqualTo(ch);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int c = 0; c < ch; c++) {
            assertThat(img.getRaster().getSample(x, y, c))
                .isEqualTo(px[(y * w + x) * ch + c] & 0xff);
          }
        }
      }
    }
  }

  @Test
  void sameInputGivesTheSameBytes() {
    byte[] px = new byte[64 * 64];
    new Random(5).nextBytes(px);
    Raster r = new Raster(64, 64, 1, px);
    PngEncoder enc = new PngEncoder();
    assertThat(enc.encode(r)).isEqualTo(new PngEncoder().encode(r)).isEqualTo(enc.encode(r));
  }
}
