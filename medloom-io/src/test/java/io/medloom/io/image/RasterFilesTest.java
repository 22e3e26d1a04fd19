package io.medloom.io.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.image.Raster;
import io.medloom.core.source.ReadBudget;
import io.medloom.core.source.SourceContext;
import io.medloom.testing.BadImages;
import io.medloom.testing.HostileFiles;
import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterFilesTest {
  @TempDir Path dir;

  private Raster read(Path p) throws IOException {
    return RasterFiles.read(p, SourceContext.DEFAULT_MAX_PIXELS);
  }

  @Test
  void readsEveryGoodFormat() throws Exception {
    for (String fmt : new String[] {"png", "jpg", "bmp", "tif"}) {
      Path p = dir.resolve("good." + fmt);
      Files.write(p, BadImages.goodImage(fmt, 40, 30, 1));
      Raster r = read(p);
      assertThat(r.width()).as(fmt).isEqualTo(40);
      assertThat(r.height()).as(fmt).isEqualTo(30);
      assertThat(r.channels()).as(fmt).isEqualTo(1);
    }
  }

  @Test
  void grayStoredAsColourJpegBecomesOneChannel() throws Exception {
    java.awt.image.BufferedImage rgb =
        new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int v = (x * 4 + y) & 0xff;
        rgb.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    Path p = dir.resolve("gray-as-rgb.jpg");
    javax.imageio.ImageIO.write(rgb, "jpeg", p.toFile());
    assertThat(read(p).channels()).isEqualTo(1);
    rgb.setRGB(0, 0, 0xff0000);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 20; x++) {
        rgb.setRGB(x, y, 0xd02010); // a real colour patch over 30% of the image
      }
    }
    javax.imageio.ImageIO.write(rgb, "png", dir.resolve("colour.png").toFile());
    assertThat(read(dir.resolve("colour.png")).channels()).isEqualTo(3);
  }

  @Test
  void nativeAndImageIoPathsDecodeRealFilesAlike() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT/malignant");
    Path covid = SharedData.require("covid-chestxray/images");
    assertThat(OpenCvDecoder.available()).isTrue();
    for (Path p : List.of(busi.resolve("malignant (100).png"), covid.resolve("000001-3.png"))) {
      byte[] bytes = Files.readAllBytes(p);
      Raster fast =
          RasterFiles.decode(
              bytes, ImageFormat.PNG, RasterFiles.DecodeOptions.full(Long.MAX_VALUE));
      Raster slow = RasterFiles.toRaster(javax.imageio.ImageIO.read(p.toFile()));
      assertThat(fast.width()).isEqualTo(slow.width());
      assertThat(fast.channels()).isEqualTo(slow.channels());
      assertThat(fast.pixels()).as(p.toString()).isEqualTo(slow.pixels());
    }
  }

  @Test
  void oneBitMasksDecodeToZeroAnd255OnBothPaths() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT/benign");
    Path mask = busi.resolve("benign (10)_mask.png"); // a 1-bit grayscale PNG
    Raster fast = RasterFiles.read(mask, RasterFiles.DecodeOptions.full(Long.MAX_VALUE));
    Raster slow = RasterFiles.toRaster(javax.imageio.ImageIO.read(mask.toFile()));
    assertThat(fast.channels()).isEqualTo(1);
    assertThat(fast.pixels()).isEqualTo(slow.pixels());
    java.util.Set<Integer> values = new java.util.TreeSet<>();
    for (byte b : fast.pixels()) {
      values.add(b & 0xff);
    }
    assertThat(values).containsExactly(0, 255);
  }

  @Test
  void largeJpegMayBeDecodedAtReducedScaleButNeverBelowTheTarget() throws Exception {
    Path film = dir.resolve("film.jpg");
    Files.write(film, BadImages.goodImage("jpg", 1700, 1500, 4));
    Raster full = RasterFiles.read(film, RasterFiles.DecodeOptions.full(Long.MAX_VALUE));
    Raster reduced =
        RasterFiles.read(film, new RasterFiles.DecodeOptions(Long.MAX_VALUE, false, 224));
    assertThat(full.width()).isEqualTo(1700);
    assertThat(reduced.width()).isEqualTo(1700 / 4); // 1/8 would give 212 < 224
    assertThat(reduced.height()).isEqualTo(1500 / 4);
  }

  @Test
  void eachKindOfBadFileIsRefusedWithItsOwnReason() throws Exception {
    Path cls = dir.resolve("c");
    Map<String, String> kinds = BadImages.writeBadSet(dir, cls);
    Map<String, String> expected =
        Map.of(
            "empty.png", "empty file",
            "truncated.png", "PNG",
            "corrupt.png", "PNG",
            "truncated.jpg", "JPEG",
            "zero.png", "zero-dimension",
            "bomb.png", "decompression bomb",
            "really-a-jpeg.png", "extension says PNG but the content is JPEG",
            "notes.txt", "not an image");
    for (var e : expected.entrySet()) {
      assertThat(kinds).containsKey(e.getKey());
      assertThatThrownBy(() -> read(cls.resolve(e.getKey())))
          .as(e.getKey())
          .isInstanceOf(IOException.class)
          .hasMessageContaining(e.getValue());
    }
  }

  @Test
  void readsRealChestFilmsAndUltrasound() throws Exception {
    Path covid = SharedData.require("covid-chestxray/images");
    try (var files = Files.list(covid)) {
      for (Path p : files.sorted().limit(5).toList()) {
        // Two files of this collection are PNGs named .jpg: read by content on request.
        Raster r =
            RasterFiles.read(
                p, new RasterFiles.DecodeOptions(SourceContext.DEFAULT_MAX_PIXELS, true, 0));
        assertThat(r.width()).as(p.toString()).isGreaterThan(100);
        assertThat(r.channels()).as(p.toString()).isIn(1, 3);
      }
    }
    assertThatThrownBy(() -> read(covid.resolve("000001-12.jpg")))
        .hasMessageContaining("extension says JPEG but the content is PNG");
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT/benign");
    Raster us = read(busi.resolve("benign (10).png"));
    assertThat(us.width()).isGreaterThan(100);
  }

  @Test
  void decodedSizeAndFileSizeAreCheckedAgainstTheByteBudget() throws Exception {
    Path png = dir.resolve("g.png");
    Files.write(png, BadImages.goodImage("png", 100, 80, 3));
    Path tif = dir.resolve("g.tif");
    Files.write(tif, BadImages.goodImage("tif", 100, 80, 3));
    ReadBudget roomy = new ReadBudget(1 << 20, 1 << 20);
    assertThat(RasterFiles.read(png, new RasterFiles.DecodeOptions(roomy, false, 0)).width())
        .isEqualTo(100);
    // 8000 pixels of one byte fit 10 kB, but the TIFF path converts through 4-byte ARGB.
    ReadBudget tight = new ReadBudget(1 << 20, 10_000);
    assertThat(RasterFiles.read(png, new RasterFiles.DecodeOptions(tight, false, 0)).height())
        .isEqualTo(80);
    assertThatThrownBy(() -> RasterFiles.read(tif, new RasterFiles.DecodeOptions(tight, false, 0)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("100x80")
        .hasMessageContaining("read budget");
    ReadBudget tiny = new ReadBudget(1 << 20, 100);
    assertThatThrownBy(() -> RasterFiles.read(png, new RasterFiles.DecodeOptions(tiny, false, 0)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("file g.png needs");
  }

  @Test
  void constantImagesAreRefusedButConstantMasksAreRead() throws Exception {
    java.awt.image.BufferedImage black =
        new java.awt.image.BufferedImage(30, 20, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    Path p = dir.resolve("black.png");
    javax.imageio.ImageIO.write(black, "png", p.toFile());
    assertThatThrownBy(() -> read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("constant image: every pixel has the same value 0");
    Raster mask = RasterFiles.read(p, RasterFiles.DecodeOptions.mask(1 << 20));
    assertThat(mask.width()).isEqualTo(30);
  }

  @Test
  void floatImagesAreWindowedOverTheirFiniteValues() throws Exception {
    float[] v = {-2f, 0f, 2f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    Path p = dir.resolve("f.tif");
    Files.write(p, HostileFiles.floatTiff(3, 2, v));
    Raster r = read(p);
    assertThat(r.channels()).isEqualTo(1);
    byte[] px = r.pixels();
    assertThat(
            new int[] {
              px[0] & 0xff, px[1] & 0xff, px[2] & 0xff, px[3] & 0xff, px[4] & 0xff, px[5] & 0xff
            })
        .containsExactly(0, 128, 255, 0, 255, 0);
  }

  @Test
  void tiffTagsPointingBeyondTheFileAreRefusedBeforeImageIoReadsThem() throws Exception {
    // Found by bench/fuzz: the TIFF readers allocate a tag's values from its declared count while
    // reading the header, so a 200-byte file could end in an OutOfMemoryError.
    byte[] tiff = HostileFiles.floatTiff(3, 2, new float[] {0, 1, 2, 3, 4, 5});
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tiff).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(10 + 12 * 5)).isEqualTo((short) 273); // StripOffsets
    b.putInt(10 + 12 * 5 + 4, 0x10000000); // 2^28 LONG values
    Path p = dir.resolve("count.tif");
    Files.write(p, tiff);
    assertThatThrownBy(() -> read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged TIFF: tag 273 declares 268435456 values");
    // ... and each compressed strip into an array of its declared size.
    b.putInt(10 + 12 * 5 + 4, 1);
    assertThat(b.getShort(10 + 12 * 8)).isEqualTo((short) 279); // StripByteCounts
    b.putInt(10 + 12 * 8 + 8, 0x7fff0000);
    Files.write(p, tiff);
    assertThatThrownBy(() -> read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged TIFF: strip or tile 0 claims 2147418112 bytes");
    b.putInt(10 + 12 * 8 + 8, 24);
    java.nio.ByteBuffer.wrap(tiff).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(18, 60_000);
    Files.write(p, tiff);
    assertThatThrownBy(() -> RasterFiles.read(p, new RasterFiles.DecodeOptions(1000, false, 0)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("TIFF image of 60000x2")
        .hasMessageContaining("--max-pixels");
  }

  /**
   * OpenCV's BGR pixels become gray exactly when {@link Raster#isNearlyGray()} says so for the same
   * pixels as RGB: at most 1% of pixels with channels more than 12 levels apart, spreads of 12 and
   * 13 on either side of the tolerance, every channel pair.
   */
  @Test
  void bgrBecomesGrayExactlyAtTheToleranceAndTheOnePercentBound() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    int w = 40;
    int h = 25; // 1,000 pixels: at most 10 may be colourful
    for (int colourful = 8; colourful <= 12; colourful++) {
      for (int pair = 0; pair < 3; pair++) {
        byte[] bgr = new byte[w * h * 3];
        byte[] rgb = new byte[bgr.length];
        for (int p = 0; p < w * h; p++) {
          int v = 20 + rnd.nextInt(200);
          int[] c = {v, v, v};
          // the first 'colourful' pixels spread 13 levels, the next ten exactly 12 (still gray)
          int spread = p < colourful ? 13 : p < colourful + 10 ? 12 : rnd.nextInt(13);
          c[pair] = v + spread;
          for (int k = 0; k < 3; k++) {
            bgr[p * 3 + k] = (byte) c[2 - k];
            rgb[p * 3 + k] = (byte) c[k];
          }
        }
        Raster expected = new Raster(w, h, 3, rgb);
        Raster got = OpenCvDecoder.fromBgr(w, h, bgr.clone());
        assertThat(got.channels() == 1)
            .as("%s colourful pixels, channel pair %s", colourful, pair)
            .isEqualTo(expected.isNearlyGray())
            .isEqualTo(colourful <= 10);
        assertThat(got.pixels()).isEqualTo(got.channels() == 1 ? expected.toGray().pixels() : rgb);
      }
    }
  }
}
