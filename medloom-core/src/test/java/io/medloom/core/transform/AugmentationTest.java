package io.medloom.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  /** A dark 64x48 image with a bright block, and the block's mask. */
  private static Keyed blockScene() {
    int w = 64;
    int h = 48;
    byte[] px = new byte[w * h];
    byte[] bits = new byte[w * h];
    for (int y = 10; y < 22; y++) {
      for (int x = 8; x < 26; x++) {
        px[y * w + x] = (byte) 220;
        bits[y * w + x] = 1;
      }
    }
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) ((px[i] & 0xff) + 20);
    }
    return new Keyed(new Raster(w, h, 1, px), List.of(BitMask.wrap(w, h, bits)));
  }

  /** Share of mask pixels whose image pixel is bright (the mask stayed on the block). */
  private static double maskOnBright(Keyed k) {
    BitMask m = k.masks().get(0);
    long in = 0;
    long bright = 0;
    for (int y = 0; y < m.height(); y++) {
      for (int x = 0; x < m.width(); x++) {
        if (m.get(x, y)) {
          in++;
          bright += k.image().get(x, y, 0) > 120 ? 1 : 0;
        }
      }
    }
    return in == 0 ? 0 : bright / (double) in;
  }

  @Test
  void geometricTransformsMoveMasksWithTheImage() {
    Keyed k = blockScene();
    Keyed flipped = Geometry.flipHorizontal(k);
    assertThat(flipped.masks().get(0).get(64 - 1 - 8, 10)).isTrue();
    assertThat(flipped.masks().get(0).get(8, 10)).isFalse();
    assertThat(maskOnBright(flipped)).isEqualTo(1.0);
    Keyed rotated = Geometry.rotate(k, 12);
    assertThat(maskOnBright(rotated)).isGreaterThan(0.9);
    assertThat(rotated.masks().get(0).count()).isBetween(180, 260); // 12x18 = 216, area kept
    Keyed crop = Geometry.crop(k, 5, 5, 30, 30);
    assertThat(crop.masks().get(0).get(3, 5)).isTrue(); // (8,10) moved by (-5,-5)
    assertThat(maskOnBright(crop)).isEqualTo(1.0);
    Augmentation a = new Augmentation(0.5, 1.3, 15, 0.1, 0.2, 0.2, 0.5, 3, false);
    for (int seed = 0; seed < 20; seed++) {
      Keyed out = a.training(32, false).apply(k, new SplittableRandom(seed));
      assertThat(out.image().width()).isEqualTo(32);
      assertThat(out.masks().get(0).width()).isEqualTo(32);
      if (out.masks().get(0).count() > 20) {
        assertThat(maskOnBright(out)).as("seed %s", seed).isGreaterThan(0.8);
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameImageAndAnotherSeedAnother() {
    Augmentation a = new Augmentation(0.6, 1.2, 10, 0.1, 0.2, 0.2, 0.5, 4, false);
    Keyed k = blockScene();
    byte[] one = a.training(40, false).apply(k, new SplittableRandom(3)).image().pixels();
    byte[] again = a.training(40, false).apply(k, new SplittableRandom(3)).image().pixels();
    byte[] other = a.training(40, false).apply(k, new SplittableRandom(4)).image().pixels();
    assertThat(again).isEqualTo(one);
    assertThat(other).isNotEqualTo(one);
  }

  @Test
  void flipsOnlyWhereMirroringKeepsTheMeaning() {
    assertThat(Augmentation.flipIsSafe(List.of("DX"))).isFalse();
    assertThat(Augmentation.flipIsSafe(List.of("CR", "DX"))).isFalse();
    assertThat(Augmentation.flipIsSafe(List.of("SM"))).isTrue();
    assertThat(Augmentation.flipIsSafe(List.of("SM", "DX"))).isFalse();
    assertThat(Augmentation.flipIsSafe(List.of())).isFalse();
    Augmentation flipAlways = new Augmentation(1, 1, 0, 0, 0, 0, 0, 0, true);
    Keyed k = blockScene();
    Keyed plain = Augmentation.evaluation(64).apply(k, new SplittableRandom(0));
    Keyed mirrored = Geometry.flipHorizontal(plain);
    int flippedSeen = 0;
    for (int seed = 0; seed < 40; seed++) {
      Keyed chest = flipAlways.training(64, false).apply(k, new SplittableRandom(seed));
      assertThat(chest.masks()).isEqualTo(plain.masks()); // never flipped
      Keyed slide = flipAlways.training(64, true).apply(k, new SplittableRandom(seed));
      if (slide.masks().equals(mirrored.masks())) {
        flippedSeen++;
      } else {
        assertThat(slide.masks()).isEqualTo(plain.masks());
      }
    }
    assertThat(flippedSeen).isBetween(8, 32); // about half
  }

  @Test
  void intensityOperationsDoWhatTheySay() {
    Raster ramp = new Raster(256, 1, 1, new byte[256]);
    for (int i = 0; i < 256; i++) {
      ramp.pixels()[i] = (byte) i;
    }
    assertThat(Intensity.adjust(ramp, 0, 1, 1).pixels()).isEqualTo(ramp.pixels());
    Raster brighter = Intensity.adjust(ramp, 0.1, 1, 1);
    assertThat(brighter.get(100, 0, 0)).isEqualTo((int) Math.round(255 * (100 / 255.0 + 0.1)));
    Raster gamma = Intensity.adjust(ramp, 0, 1, 2);
    assertThat(gamma.get(128, 0, 0)).isEqualTo((int) Math.round(255 * Math.pow(128 / 255.0, 2)));
    // Noise: zero mean, the requested spread.
    byte[] flat = new byte[200 * 200];
    java.util.Arrays.fill(flat, (byte) 128);
    Raster noisy = Intensity.noise(new Raster(200, 200, 1, flat), 5, new SplittableRandom(1));
    double sum = 0;
    double sq = 0;
    for (byte b : noisy.pixels()) {
      double d = (b & 0xff) - 128;
      sum += d;
      sq += d * d;
    }
    int n = flat.length;
    assertThat(sum / n).isCloseTo(0, within(0.1));
    assertThat(Math.sqrt(sq / n - (sum / n) * (sum / n))).isCloseTo(5, within(0.2));
    // CLAHE stretches a low-contrast image and leaves a flat one flat.
    byte[] low = new byte[64 * 64];
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < low.length; i++) {
      low[i] = (byte) (100 + rng.nextInt(8));
    }
    Raster eq = Intensity.clahe(new Raster(64, 64, 1, low), 8, 2.0);
    int min = 255;
    int max = 0;
    for (byte b : eq.pixels()) {
      min = Math.min(min, b & 0xff);
      max = Math.max(max, b & 0xff);
    }
    assertThat(max - min).isGreaterThan(7 * 3); // a range of 8 levels at least tripled
    Raster flatOut = Intensity.clahe(new Raster(200, 200, 1, flat), 8, 2.0);
    int first = flatOut.pixels()[0] & 0xff;
    for (byte b : flatOut.pixels()) {
      assertThat(b & 0xff).isEqualTo(first);
    }
  }

  @Test
  void badSettingsAreRefusedWithTheValue() {
    assertThatThrownBy(() -> new Augmentation(0, 1, 0, 0, 0, 0, 0, 0, false))
        .hasMessageContaining("crop_scale_min");
    assertThatThrownBy(() -> new Augmentation(1, 1, 90, 0, 0, 0, 0, 0, false))
        .hasMessageContaining("rotation_degrees must be in [0,45]: 90");
  }
}
