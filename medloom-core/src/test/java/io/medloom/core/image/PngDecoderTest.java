package io.medloom.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngDecoderTest {
  private static Raster random(int w, int h, int ch, long seed) {
    Random r = new Random(seed);
    byte[] px = new byte[w * h * ch];
    for (int i = 0; i < px.length; i++) {
      // Smooth ramps plus noise, so every row filter gets chosen somewhere.
      px[i] = (byte) ((i / ch) % w * 3 + (i / (w * ch)) * 2 + r.nextInt(40));
    }
    return new Raster(w, h, ch, px);
  }

  @Test
  void decodesWhatTheEncoderWritesExactly() throws Exception {
    for (int ch : new int[] {1, 3}) {
      Raster in = random(61, 47, ch, ch);
      Raster out = PngDecoder.decode(new PngEncoder().encode(in));
      assertThat(out.width()).isEqualTo(61);
      assertThat(out.height()).isEqualTo(47);
      assertThat(out.channels()).isEqualTo(ch);
      assertThat(out.pixels()).isEqualTo(in.pixels());
    }
  }

  @Test
  void agreesWithImageIoOnGrayRgbAlphaSixteenBitAndPalettePngs() throws Exception {
    int w = 19;
    int h = 13;
    Random r = new Random(3);
    for (int type :
        new int[] {
          BufferedImage.TYPE_BYTE_GRAY,
          BufferedImage.TYPE_3BYTE_BGR,
          BufferedImage.TYPE_INT_ARGB,
          BufferedImage.TYPE_USHORT_GRAY,
          BufferedImage.TYPE_BYTE_BINARY
        }) {
      BufferedImage img = new BufferedImage(w, h, type);
      int bands = img.getRaster().getNumBands();
      int max = (1 << img.getSampleModel().getSampleSize(0)) - 1;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int b = 0; b < bands; b++) {
            img.getRaster().setSample(x, y, b, r.nextInt(max + 1));
          }
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(img, "png", bytes);
      Raster got = PngDecoder.decode(bytes.toByteArray());
      boolean indexed = img.getColorModel() instanceof IndexColorModel;
      int expectChannels = bands >= 3 || indexed ? 3 : 1;
      assertThat(got.channels()).as("type %s", type).isEqualTo(expectChannels);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int argb = img.getRGB(x, y);
          if (type == BufferedImage.TYPE_USHORT_GRAY) {
            assertThat(got.get(x, y, 0)).isEqualTo(img.getRaster().getSample(x, y, 0) >> 8);
          } else if (expectChannels == 1) {
            assertThat(got.get(x, y, 0)).isEqualTo(img.getRaster().getSample(x, y, 0));
          } else {
            assertThat(got.get(x, y, 0)).as("red").isEqualTo((argb >> 16) & 0xff);
            assertThat(got.get(x, y, 1)).as("green").isEqualTo((argb >> 8) & 0xff);
            assertThat(got.get(x, y, 2)).as("blue").isEqualTo(argb & 0xff);
          }
        }
      }
    }
  }

  @Test
  void badBytesFailWithAReason() {
    byte[] png = new PngEncoder().encode(random(32, 32, 1, 9));
    assertThatThrownBy(() -> PngDecoder.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a PNG");
    byte[] badSig = png.clone();
    badSig[1] = 'X';
    assertThatThrownBy(() -> PngDecoder.decode(badSig)).hasMessageContaining("signature");
    assertThatThrownBy(() -> PngDecoder.decode(Arrays.copyOf(png, png.length / 2)))
        .isInstanceOf(IOException.class);
    byte[] corrupt = png.clone();
    for (int i = 45; i < 70; i++) {
      corrupt[i] = (byte) 0xff;
    }
    assertThatThrownBy(() -> PngDecoder.decode(corrupt)).isInstanceOf(IOException.class);
  }

  @Test
  void convertsBetweenGrayAndRgb() {
    Raster rgb = new Raster(1, 1, 3, new byte[] {(byte) 200, 100, 50});
    // Pillow's convert("L"): (200*299 + 100*587 + 50*114)/1000 = 124.4 -> 124
    assertThat(rgb.withChannels(1).get(0, 0, 0)).isEqualTo(124);
    Raster gray = new Raster(1, 1, 1, new byte[] {77});
    assertThat(gray.withChannels(3).pixels()).containsExactly(77, 77, 77);
  }
}
