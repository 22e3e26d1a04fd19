package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.image.Raster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Windowing on synthetic images; expected bytes are worked out by hand in the comments. */
class DicomWindowingTest {
  private static DicomImage grey(String photometric, double[] window, float... values) {
    return new DicomImage(
        values.length,
        1,
        1,
        1,
        photometric,
        List.of(values),
        Optional.ofNullable(window),
        Map.of(),
        "test");
  }

  /*
   * Window c=150, w=200 (DICOM linear function): c-0.5 = 149.5, w-1 = 199,
   * x <= 149.5-99.5 = 50 -> 0;  x > 149.5+99.5 = 249 -> 255;
   * 100 -> ((100-149.5)/199 + 0.5)*255 = 64.07 -> 64;  200 -> ((200-149.5)/199 + 0.5)*255 = 192.21 -> 192.
   */
  @Test
  void fileWindowUsesTheDicomLinearFunction() {
    Raster r =
        DicomWindowing.toRaster(grey("MONOCHROME2", new double[] {150, 200}, 0, 100, 200, 300), 0);
    assertThat(r.channels()).isEqualTo(1);
    assertThat(r.pixels()).containsExactly(0, 64, (byte) 192, (byte) 255);
  }

  /** Same values as MONOCHROME1: 255 - {0, 64, 192, 255} = {255, 191, 63, 0}; dense is bright. */
  @Test
  void monochrome1IsInverted() {
    Raster r =
        DicomWindowing.toRaster(grey("MONOCHROME1", new double[] {150, 200}, 0, 100, 200, 300), 0);
    assertThat(r.pixels()).containsExactly((byte) 255, (byte) 191, 63, 0);
  }

  /*
   * No window: sorted {0,10,20,30,100}; 0.5th percentile at index 0.02 -> 0.2;
   * 99.5th at index 3.98 -> 30 + 0.98*70 = 98.6; scale 255/98.4.
   * 0 -> -0.52 -> 0; 10 -> 25.40 -> 25; 20 -> 51.31 -> 51; 30 -> 77.23 -> 77; 100 -> 258.6 -> 255.
   */
  @Test
  void withoutWindowThePercentileRangeIsUsed() {
    Raster r = DicomWindowing.toRaster(grey("MONOCHROME2", null, 0, 10, 20, 30, 100), 0);
    assertThat(r.pixels()).containsExactly(0, 25, 51, 77, (byte) 255);
  }

  @Test
  void constantFrameDoesNotDivideByZero() {
    Raster r = DicomWindowing.toRaster(grey("MONOCHROME2", null, 7, 7, 7), 0);
    assertThat(r.pixels()).containsExactly(0, 0, 0);
  }

  /*
   * YBR_FULL -> RGB (BT.601 full range): (128,128,128) -> (128,128,128);
   * (100,128,200): R = 100 + 1.402*72 = 200.94 -> 201, G = 100 - 0.714136*72 = 48.58 -> 49, B = 100.
   */
  @Test
  void ybrIsConvertedToRgb() {
    DicomImage img =
        new DicomImage(
            2,
            1,
            1,
            3,
            "YBR_FULL",
            List.of(new float[] {128, 128, 128, 100, 128, 200}),
            Optional.empty(),
            Map.of(),
            "test");
    Raster r = DicomWindowing.toRaster(img, 0);
    assertThat(r.channels()).isEqualTo(3);
    assertThat(r.pixels()).containsExactly((byte) 128, (byte) 128, (byte) 128, (byte) 201, 49, 100);
  }

  @Test
  void rgbIsKeptAndClamped() {
    DicomImage img =
        new DicomImage(
            1,
            1,
            1,
            3,
            "RGB",
            List.of(new float[] {-3, 12.4f, 300}),
            Optional.empty(),
            Map.of(),
            "test");
    assertThat(DicomWindowing.toRaster(img, 0).pixels()).containsExactly(0, 12, (byte) 255);
  }

  @Test
  void secondFrameIsSelected() {
    DicomImage img =
        new DicomImage(
            1,
            1,
            2,
            1,
            "MONOCHROME2",
            List.of(new float[] {0}, new float[] {1000}),
            Optional.of(new double[] {500, 100}),
            Map.of(),
            "test");
    assertThat(DicomWindowing.toRaster(img, 1).pixels()).containsExactly((byte) 255);
  }
}
