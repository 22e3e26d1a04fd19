package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pixel values against pydicom for every sample file pydicom 2.3.1 (Debian python3-pydicom, no
 * gdcm/pylibjpeg) decodes. Golden numbers were computed once with /usr/bin/python3:
 *
 * <pre>
 *   ds = pydicom.dcmread(f)
 *   m = pydicom.pixel_data_handlers.util.apply_modality_lut(ds.pixel_array, ds).astype(float64)
 *   m.mean(), m.min(), m.max(), NumberOfFrames, (Columns, Rows, SamplesPerPixel)
 * </pre>
 *
 * SC_rgb_jpeg_dcmtk is the one exception: MedLoom (like PixelMed) converts YBR_FULL JPEG to RGB
 * while decompressing, pydicom keeps YBR, so its golden values come from {@code
 * convert_color_space(ds.pixel_array, "YBR_FULL", "RGB")}. Tolerance: 1e-3 relative to
 * max(|expected|, 1), so a 0 minimum does not demand exact float equality.
 */
class DicomReaderGoldenTest {
  /** One sample: {@code pixelMedOnly} files are compressed or use layouts ImageJ cannot unpack. */
  record Golden(
      String file,
      int frames,
      int width,
      int height,
      int spp,
      double mean,
      double min,
      double max,
      boolean pixelMedOnly) {
    @Override
    public String toString() {
      return file;
    }
  }

  private static Golden row(
      String file,
      int frames,
      int width,
      int height,
      int spp,
      double mean,
      double min,
      double max,
      boolean pixelMedOnly) {
    return new Golden(file, frames, width, height, spp, mean, min, max, pixelMedOnly);
  }

  static Stream<Golden> goldens() {
    return Stream.of(
        row("CT_small.dcm", 1, 128, 128, 1, -119.0738525390625, -896.0, 1167.0, false),
        row("ExplVR_BigEnd.dcm", 1, 80, 60, 3, 171.5775, 0.0, 255.0, false),
        row("JPEG2000.dcm", 1, 256, 1024, 1, 13.458160400390625, -30.0, 245.0, true),
        row("MR_small.dcm", 1, 64, 64, 1, 518.88134765625, 127.0, 2145.0, false),
        row("MR_small_RLE.dcm", 1, 64, 64, 1, 518.88134765625, 127.0, 2145.0, true),
        row("MR_small_bigendian.dcm", 1, 64, 64, 1, 518.88134765625, 127.0, 2145.0, false),
        row("MR_small_expb.dcm", 1, 64, 64, 1, 518.88134765625, 127.0, 2145.0, false),
        row("MR_small_implicit.dcm", 1, 64, 64, 1, 518.88134765625, 127.0, 2145.0, false),
        row("MR_small_jp2klossless.dcm", 1, 64, 64, 1, 518.88134765625, 127.0, 2145.0, true),
        row(
            "SC_rgb_jpeg_dcmtk.dcm",
            1,
            100,
            100,
            3,
            127.73333333333333,
            0.0,
            255.0,
            true), // RGB: convert_color_space(YBR_FULL->RGB)
        row("SC_rgb_rle.dcm", 1, 100, 100, 3, 127.7, 0.0, 255.0, true),
        row("SC_rgb_rle_2frame.dcm", 2, 100, 100, 3, 127.5, 0.0, 255.0, true),
        row("SC_ybr_full_422_uncompressed.dcm", 1, 100, 100, 3, 127.88, 0.0, 255.0, true),
        row("image_dfl.dcm", 1, 512, 512, 1, 127.115966796875, 0.0, 255.0, true),
        row("liver_1frame.dcm", 1, 512, 512, 1, 0.13821792602539062, 0.0, 1.0, true),
        row("rtdose.dcm", 15, 10, 10, 1, 1013273.3333333334, 795000.0, 1254000.0, false),
        row(
            "dicomdir/77654033/CR1/6154",
            1,
            16,
            16,
            1,
            1926.2743906250003,
            1563.8960000000002,
            2116.568,
            false),
        row("dicomdir/77654033/CR2/6247", 1, 16, 16, 1, 1268.624421875, 1021.484, 1477.712, false),
        row(
            "dicomdir/77654033/CR3/6278",
            1,
            16,
            16,
            1,
            1838.2521406250003,
            1622.036,
            2139.824,
            false),
        row("dicomdir/77654033/CT2/17106", 1, 16, 16, 1, -618.73046875, -981.0, 77.0, false),
        row("dicomdir/77654033/CT2/17136", 1, 16, 16, 1, 547.625, 77.0, 1360.0, false),
        row("dicomdir/77654033/CT2/17166", 1, 16, 16, 1, 1410.1171875, 991.0, 1489.0, false),
        row("dicomdir/77654033/CT2/17196", 1, 16, 16, 1, 892.375, 498.0, 1399.0, false),
        row("dicomdir/98892001/CT2N/6293", 1, 16, 16, 1, 266.48828125, 218.0, 292.0, false),
        row("dicomdir/98892001/CT2N/6924", 1, 16, 16, 1, 120.6484375, 65.0, 243.0, false),
        row("dicomdir/98892001/CT5N/2062", 1, 16, 16, 1, -354.28515625, -888.0, 44.0, false),
        row("dicomdir/98892001/CT5N/2392", 1, 16, 16, 1, -188.921875, -859.0, 85.0, false),
        row("dicomdir/98892001/CT5N/2693", 1, 16, 16, 1, -42.828125, -666.0, 75.0, false),
        row("dicomdir/98892001/CT5N/3023", 1, 16, 16, 1, -37.89453125, -151.0, 50.0, false),
        row("dicomdir/98892001/CT5N/3353", 1, 16, 16, 1, -68.7265625, -156.0, 44.0, false),
        row("dicomdir/98892003/MR1/15820", 1, 16, 16, 1, 549.7265625, 224.0, 840.0, false),
        row("dicomdir/98892003/MR1/4919", 1, 16, 16, 1, 715.78515625, 442.0, 826.0, false),
        row("dicomdir/98892003/MR1/5641", 1, 16, 16, 1, 609.93359375, 280.0, 800.0, false),
        row("dicomdir/98892003/MR2/15970", 1, 16, 16, 1, 233.71484375, 79.0, 358.0, false),
        row("dicomdir/98892003/MR2/4950", 1, 16, 16, 1, 670.6953125, 405.0, 742.0, false),
        row("dicomdir/98892003/MR2/4981", 1, 16, 16, 1, 693.91015625, 509.0, 755.0, false),
        row("dicomdir/98892003/MR2/5011", 1, 16, 16, 1, 646.671875, 403.0, 846.0, false),
        row("dicomdir/98892003/MR2/6273", 1, 16, 16, 1, 631.99609375, 427.0, 692.0, false),
        row("dicomdir/98892003/MR2/6605", 1, 16, 16, 1, 583.09765625, 414.0, 685.0, false),
        row("dicomdir/98892003/MR2/6935", 1, 16, 16, 1, 610.859375, 429.0, 729.0, false),
        row("dicomdir/98892003/MR700/4467", 1, 16, 16, 1, 61.3828125, 48.0, 80.0, false),
        row("dicomdir/98892003/MR700/4528", 1, 16, 16, 1, 81.16015625, 47.0, 333.0, false),
        row("dicomdir/98892003/MR700/4558", 1, 16, 16, 1, 152.05859375, 55.0, 339.0, false),
        row("dicomdir/98892003/MR700/4588", 1, 16, 16, 1, 63.203125, 49.0, 104.0, false),
        row("dicomdir/98892003/MR700/4618", 1, 16, 16, 1, 59.3984375, 19.0, 81.0, false),
        row("dicomdir/98892003/MR700/4648", 1, 16, 16, 1, 28.21484375, 0.0, 87.0, false),
        row("dicomdir/98892003/MR700/4678", 1, 16, 16, 1, 29.8515625, 0.0, 90.0, false));
  }

  static Stream<Golden> imageJGoldens() {
    return goldens().filter(g -> !g.pixelMedOnly());
  }

  static Stream<Golden> pixelMedOnlyGoldens() {
    return goldens().filter(Golden::pixelMedOnly);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void defaultDecoderMatchesPydicom(Golden g) throws IOException {
    Path file = SharedData.require("dicom-samples").resolve(g.file());
    DicomImage img = DicomReader.read(file);
    assertMatches(img, g);
    assertThat(img.decoder()).isEqualTo("medloom");
  }

  /** PixelMed, the optional comparison decoder, on the files it handles. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void pixelMedMatchesPydicom(Golden g) throws IOException {
    Path file = SharedData.require("dicom-samples").resolve(g.file());
    PixelMedRequirement.require();
    String saved = System.getProperty(DicomReader.DECODER_PROPERTY);
    System.setProperty(DicomReader.DECODER_PROPERTY, "pixelmed");
    try {
      assertMatches(DicomReader.read(file), g);
    } finally {
      if (saved == null) {
        System.clearProperty(DicomReader.DECODER_PROPERTY);
      } else {
        System.setProperty(DicomReader.DECODER_PROPERTY, saved);
      }
    }
  }

  /** The fallback decoder on every uncompressed file, on any machine (PixelMed or not). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("imageJGoldens")
  void imageJFallbackMatchesPydicom(Golden g) throws IOException {
    Path file = SharedData.require("dicom-samples").resolve(g.file());
    DicomImage img = DicomReader.readWithImageJ(file);
    assertMatches(img, g);
    assertThat(img.decoder()).isEqualTo("imagej");
  }

  /** Without PixelMed the codec files are refused with the transfer syntax and the fix. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pixelMedOnlyGoldens")
  void imageJFallbackRefusesWhatOnlyPixelMedDecodes(Golden g) {
    Path file = SharedData.require("dicom-samples").resolve(g.file());
    assertThatThrownBy(() -> DicomReader.readWithImageJ(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("1.2.840.10008.1.2")
        .hasMessageContaining("libpixelmed-java and libpixelmed-imageio-java");
  }

  static void assertMatches(DicomImage img, Golden g) {
    assertThat(img.frames()).as("frames").isEqualTo(g.frames());
    assertThat(img.width()).as("width").isEqualTo(g.width());
    assertThat(img.height()).as("height").isEqualTo(g.height());
    assertThat(img.samplesPerPixel()).as("samples per pixel").isEqualTo(g.spp());
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long n = 0;
    for (float[] frame : img.frameValues()) {
      for (float v : frame) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        n++;
      }
    }
    assertClose("mean", sum / n, g.mean());
    assertClose("min", min, g.min());
    assertClose("max", max, g.max());
  }

  private static void assertClose(String what, double actual, double expected) {
    double tolerance = 1e-3 * Math.max(Math.abs(expected), 1);
    assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
  }
}
