package io.medloom.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResamplerTest {
  @Test
  void flatImageStaysExactlyFlat() {
    byte[] px = new byte[97 * 61];
    java.util.Arrays.fill(px, (byte) 173);
    Raster out = Resampler.resize(new Raster(97, 61, 1, px), 31, 17);
    for (byte b : out.pixels()) {
      assertThat(b & 0xff).isEqualTo(173);
    }
  }

  @Test
  void halvingAveragesEachTwoByTwoNeighbourhoodWithTriangleWeights() {
    // A 4x1 row [0, 100, 200, 40] halved: output pixel 0 is centred at source 1.0 with support 2,
    // taps at 0.5 and 1.5 (and -0.5/2.5 clipped or weight 0.25): hand calculation of the triangle
    // weights |d|/2 for d = -1.5,-0.5,0.5,1.5 -> 0.25,0.75,0.75,0.25 over pixels -1..2,
    // clipped to pixels 0..2 -> weights 0.75, 0.75, 0.25 normalised by 1.75.
    Raster in = new Raster(4, 1, 1, new byte[] {0, 100, (byte) 200, 40});
    Raster out = Resampler.resize(in, 2, 1);
    double expected0 = (0.75 * 0 + 0.75 * 100 + 0.25 * 200) / 1.75;
    assertThat(out.get(0, 0, 0)).isEqualTo((int) Math.round(expected0));
  }

  @Test
  void downscalingDoesNotAliasAFineStripePattern() {
    // Alternating black/white columns: a non-antialiased resampler returns all black or all white;
    // filtering over the footprint gives mid-gray.
    int w = 200;
    byte[] px = new byte[w * 10];
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) (x % 2 == 0 ? 0 : 255);
      }
    }
    Raster out = Resampler.resize(new Raster(w, 10, 1, px), 20, 1);
    for (int x = 1; x < 19; x++) {
      assertThat(out.get(x, 0, 0)).isBetween(110, 145);
    }
  }

  @Test
  void keepsColourChannelsApart() {
    byte[] px = new byte[8 * 8 * 3];
    for (int i = 0; i < px.length; i += 3) {
      px[i] = (byte) 255;
      px[i + 1] = 0;
      px[i + 2] = 60;
    }
    Raster out = Resampler.resize(new Raster(8, 8, 3, px), 3, 3);
    assertThat(out.get(1, 1, 0)).isEqualTo(255);
    assertThat(out.get(1, 1, 1)).isEqualTo(0);
    assertThat(out.get(1, 1, 2)).isEqualTo(60);
  }
}
