package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Codec coverage beyond the golden values: codecs, rejections, frames, header fields. */
class DicomReaderCodecTest {
  /**
   * A file of the shared DICOM samples; skips without them. Call it before {@code
   * assertThatThrownBy}, never inside its lambda, which would catch the skip.
   */
  private static Path sample(String name) {
    return SharedData.require("dicom-samples").resolve(name);
  }

  /**
   * 12-bit JPEG extended and JPEG-LS: neither PixelMed's ImageIO readers nor pydicom without
   * plug-ins decode them; the built-in decoder does (values checked against DCMTK in
   * DicomSamplesVsDcmtkTest).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "JPEG-lossy.dcm, 256, 1024, 14.37",
    "JPGExtended.dcm, 256, 1024, 14.37",
    "MR_small_jpeg_ls_lossless.dcm, 64, 64, 518.8813"
  })
  void codecsNothingElseOnTheClassPathHandlesDecode(String file, int w, int h, double mean)
      throws IOException {
    DicomImage img = DicomReader.read(sample(file));
    assertThat(img.width()).isEqualTo(w);
    assertThat(img.height()).isEqualTo(h);
    double sum = 0;
    for (float v : img.frameValues().get(0)) {
      sum += v;
    }
    assertThat(sum / (w * h)).isCloseTo(mean, org.assertj.core.data.Offset.offset(0.01));
  }

  /** A transfer syntax without a decoder is named with its UID, and the file with it. */
  @Test
  void unsupportedTransferSyntaxIsNamedWithItsUid(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    byte[] b = java.nio.file.Files.readAllBytes(sample("MR_small_jp2klossless.dcm"));
    String from = "1.2.840.10008.1.2.4.90";
    String to = "1.2.840.10008.1.2.4.92"; // same length: the meta group length stays valid
    String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf(from);
    assertThat(at).isPositive();
    System.arraycopy(
        to.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, b, at, to.length());
    Path p = tmp.resolve("part2.dcm");
    java.nio.file.Files.write(p, b);
    assertThatThrownBy(() -> DicomReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("part2.dcm")
        .hasMessageContaining(
            "unsupported transfer syntax 1.2.840.10008.1.2.4.92 (JPEG 2000 Part 2"
                + " Multi-component Lossless Only)");
  }

  /** A CT whose Pixel Data element was removed is an image without pixels, not a non-image. */
  @Test
  void imageWithoutPixelDataSaysTheElementIsMissing() {
    Path input = sample("dicomdir/TINY_ALPHA/PT000000/ST000000/SE000000/IM000000");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no Pixel Data element (7FE0,0010)")
        .hasMessageContaining("1.2.840.10008.5.1.4.1.1.2 (CT Image Storage)")
        .hasMessageNotContaining("not an image");
  }

  @Test
  void imageJFallbackExplainsHowToGetCodecs() {
    Path input = sample("MR_small_RLE.dcm");
    assertThatThrownBy(() -> DicomReader.readWithImageJ(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("1.2.840.10008.1.2.5 (RLE Lossless)")
        .hasMessageContaining(
            "install the Debian packages libpixelmed-java and libpixelmed-imageio-java");
  }

  @Test
  void multiFrameColourKeepsEveryFrame() throws IOException {
    DicomImage img = DicomReader.read(sample("SC_rgb_rle_2frame.dcm"));
    assertThat(img.frames()).isEqualTo(2);
    assertThat(img.frameValues()).hasSize(2).allSatisfy(f -> assertThat(f).hasSize(100 * 100 * 3));
    assertThat(img.photometric()).isEqualTo("RGB");
  }

  @Test
  void multiFrameDoseHasAllFrames() throws IOException {
    DicomImage img = DicomReader.read(sample("rtdose.dcm"));
    assertThat(img.frames()).isEqualTo(15);
  }

  @Test
  void signedJpeg2000StaysSigned() throws IOException {
    DicomImage img = DicomReader.read(sample("JPEG2000.dcm"));
    assertThat(img.decoder()).isEqualTo("medloom");
    float min = Float.MAX_VALUE;
    for (float v : img.frameValues().get(0)) {
      min = Math.min(min, v);
    }
    assertThat(min).isEqualTo(-30f); // pydicom: min -30 (PixelRepresentation 1)
  }

  @Test
  void jpegBaselineYbrIsReportedAsTheRgbItWasDecodedTo() throws IOException {
    DicomImage img = DicomReader.read(sample("SC_rgb_jpeg_dcmtk.dcm"));
    assertThat(img.photometric()).isEqualTo("RGB");
  }

  @Test
  void headerFieldsAndWindowAreCopied() throws IOException {
    DicomImage ct = DicomReader.read(sample("CT_small.dcm"));
    assertThat(ct.meta())
        .containsEntry("Modality", "CT")
        .containsEntry("PatientID", "1CT1")
        .containsEntry("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2")
        .containsEntry("TransferSyntaxUID", "1.2.840.10008.1.2.1")
        .containsEntry("InstanceNumber", "1")
        .containsEntry("StudyDate", "20040119")
        .containsKey("ImagePositionPatient")
        .doesNotContainKey("ViewPosition");
    assertThat(ct.meta().get("PixelSpacing")).isEqualTo("0.661468\\0.661468");
    assertThat(ct.window()).isEmpty();

    DicomImage mr = DicomReader.read(sample("MR_small.dcm"));
    assertThat(mr.window()).hasValueSatisfying(w -> assertThat(w).containsExactly(600, 1600));
  }

  @Test
  void imageJFallbackCopiesTheSameHeaderFields() throws IOException {
    DicomImage viaImageJ = DicomReader.readWithImageJ(sample("CT_small.dcm"));
    DicomImage viaDefault = DicomReader.read(sample("CT_small.dcm"));
    assertThat(viaImageJ.meta()).isEqualTo(viaDefault.meta());
  }

  @Test
  void monochrome1IsReportedForCr() throws IOException {
    DicomImage cr = DicomReader.read(sample("dicomdir/77654033/CR1/6154"));
    assertThat(cr.isMonochrome1()).isTrue();
    assertThat(cr.window()).hasValueSatisfying(w -> assertThat(w).containsExactly(1600, 2800));
  }
}
