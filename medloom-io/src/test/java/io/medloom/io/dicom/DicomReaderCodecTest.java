package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Codec coverage beyond the golden values: what neither decoder handles, frames, header fields. */
class DicomReaderCodecTest {
  /**
   * A file of the shared DICOM samples; skips without them. Call it before {@code
   * assertThatThrownBy}, never inside its lambda, which would catch the skip.
   */
  private static Path sample(String name) {
    return SharedData.require("dicom-samples").resolve(name);
  }

  /**
   * 12-bit JPEG extended and JPEG-LS: PixelMed's ImageIO readers do not support them (nor does
   * pydicom without extra plugins). Whatever decoder runs, the message names the transfer syntax.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "JPEG-lossy.dcm, 1.2.840.10008.1.2.4.51 (JPEG Extended (Process 2 & 4))",
    "JPGExtended.dcm, 1.2.840.10008.1.2.4.51 (JPEG Extended (Process 2 & 4))",
    "MR_small_jpeg_ls_lossless.dcm, 1.2.840.10008.1.2.4.80 (JPEG-LS Lossless)"
  })
  void unsupportedCodecsNameTheTransferSyntax(String file, String syntax) {
    Path input = sample(file);
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot decode pixel data")
        .hasMessageContaining(syntax);
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
    PixelMedRequirement.require();
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
    PixelMedRequirement.require();
    DicomImage img = DicomReader.read(sample("JPEG2000.dcm"));
    assertThat(img.decoder()).isEqualTo("pixelmed");
    float min = Float.MAX_VALUE;
    for (float v : img.frameValues().get(0)) {
      min = Math.min(min, v);
    }
    assertThat(min).isEqualTo(-30f); // pydicom: min -30 (PixelRepresentation 1)
  }

  @Test
  void jpegBaselineYbrIsReportedAsTheRgbItWasDecodedTo() throws IOException {
    PixelMedRequirement.require();
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
