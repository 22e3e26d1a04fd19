package io.medloom.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Box;
import org.junit.jupiter.api.Test;

class LetterboxTest {
  @Test
  void widePictureIsScaledToTheSizeAndPaddedAboveAndBelow() {
    Letterbox lb = Letterbox.fit(400, 200, 100);
    assertThat(lb.scaledWidth()).isEqualTo(100);
    assertThat(lb.scaledHeight()).isEqualTo(50);
    assertThat(lb.offsetY()).isEqualTo(25);
    byte[] px = new byte[400 * 200];
    java.util.Arrays.fill(px, (byte) 200);
    Raster out = lb.apply(new Raster(400, 200, 1, px));
    assertThat(out.get(50, 10, 0)).isZero(); // padding
    assertThat(out.get(50, 50, 0)).isEqualTo(200);
  }

  @Test
  void maskMovesWithTheImage() {
    // A square region at x 200..300, y 50..150 in a 400x200 image -> x 50..75, y 25+12.5..25+37.5.
    byte[] bits = new byte[400 * 200];
    for (int y = 50; y < 150; y++) {
      for (int x = 200; x < 300; x++) {
        bits[y * 400 + x] = 1;
      }
    }
    Letterbox lb = Letterbox.fit(400, 200, 100);
    BitMask m = lb.apply(BitMask.wrap(400, 200, bits));
    Box b = m.bounds().orElseThrow();
    assertThat(b.x0()).isEqualTo(50);
    assertThat(b.x1()).isEqualTo(75);
    assertThat(b.y0()).isBetween(37, 38);
    assertThat(b.y1()).isBetween(62, 63);
    assertThat(lb.apply(new Box(200, 50, 300, 150))).isEqualTo(new Box(50, 37, 75, 63));
  }
}
