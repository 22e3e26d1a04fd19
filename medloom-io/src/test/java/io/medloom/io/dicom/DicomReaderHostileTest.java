package io.medloom.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.source.ReadBudget;
import io.medloom.testing.HostileFiles;
import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Non-image and damaged inputs: each must fail with an IOException that says what is wrong. */
class DicomReaderHostileTest {
  @TempDir Path tmp;

  /**
   * A file of the shared DICOM samples; skips without them. Call it before {@code
   * assertThatThrownBy}, never inside its lambda, which would catch the skip.
   */
  private static Path sample(String name) {
    return SharedData.require("dicom-samples").resolve(name);
  }

  @Test
  void structuredReportIsNotAnImage() {
    Path input = sample("test-SR.dcm");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no pixel data")
        .hasMessageContaining("1.2.840.10008.5.1.4.1.1.88.33 (Comprehensive SR) is not an image");
  }

  @Test
  void ecgWaveformIsNotAnImage() {
    Path input = sample("waveform_ecg.dcm");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no pixel data")
        .hasMessageContaining("1.2.840.10008.5.1.4.1.1.9.1.1 (12-lead ECG Waveform Storage)");
  }

  @Test
  void rtPlanIsNotAnImage() {
    Path input = sample("rtplan.dcm");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no pixel data")
        .hasMessageContaining("1.2.840.10008.5.1.4.1.1.481.5 (RT Plan Storage)");
  }

  @Test
  void rtStructureSetIsNotAnImage() {
    Path input = sample("rtstruct.dcm");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no pixel data")
        .hasMessageContaining("1.2.840.10008.5.1.4.1.1.481.3 (RT Structure Set Storage)");
  }

  @Test
  void dicomdirIsNotAnImage() {
    Path input = sample("dicomdir/DICOMDIR");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no pixel data")
        .hasMessageContaining("1.2.840.10008.1.3.10 (Media Storage Directory Storage (DICOMDIR))");
  }

  @Test
  void truncatedFileSaysSo() {
    // MR_small with the last 62 bytes of its 8192-byte pixel data cut off.
    Path input = sample("MR_truncated.dcm");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("8192");
  }

  @Test
  void truncatedFileSaysSoWithImageJ() {
    Path input = sample("MR_truncated.dcm");
    assertThatThrownBy(() -> DicomReader.readWithImageJ(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("8130 bytes, the header needs 8192");
  }

  @Test
  void fileWithoutMarkerOrDatasetStartIsNotDicom() {
    // no_meta.dcm as shipped starts with a stray 0x20 byte, so no element is where one must be.
    Path input = sample("no_meta.dcm");
    assertThatThrownBy(() -> DicomReader.read(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a DICOM file")
        .hasMessageContaining("first bytes: 20 08 00 05");
  }

  @Test
  void textFileIsNotDicom() throws IOException {
    Path text = tmp.resolve("notes.dcm");
    Files.writeString(
        text, "this is not DICOM, just text long enough ".repeat(10), StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> DicomReader.read(text))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a DICOM file")
        .hasMessageContaining("no 'DICM' marker at byte 128");
  }

  @Test
  void emptyFileIsNotDicom() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty.dcm"));
    assertThatThrownBy(() -> DicomReader.read(empty))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is empty (0 bytes)");
  }

  @Test
  void missingFileIsReported() {
    Path missing = tmp.resolve("missing.dcm");
    assertThatThrownBy(() -> DicomReader.read(missing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing.dcm is not a regular file");
  }

  @Test
  void declaredPixelModuleIsCheckedAgainstTheBudgetBeforeDecoding() throws Exception {
    Path ok = tmp.resolve("ok.dcm");
    Files.write(ok, HostileFiles.dicomU8(40, 50, 2));
    DicomImage img = DicomReader.read(ok, new ReadBudget(2000, 1 << 20));
    assertThat(img.width()).isEqualTo(50);
    assertThat(img.frames()).isEqualTo(2);

    Path wide = tmp.resolve("wide.dcm");
    Files.write(wide, HostileFiles.dicomU8(300, 300, 1));
    assertThatThrownBy(() -> DicomReader.read(wide, new ReadBudget(10_000, 1 << 30)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("300x300")
        .hasMessageContaining("--max-pixels");

    // 100 frames of 64x64: each frame is small, all of them as floats are not.
    Path many = tmp.resolve("many.dcm");
    Files.write(many, HostileFiles.dicomU8(64, 64, 100));
    assertThatThrownBy(() -> DicomReader.read(many, new ReadBudget(1 << 20, 1 << 20)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("100 frames")
        .hasMessageContaining("read budget");
  }

  @Test
  void elementLengthsBeyondTheFileAreRefusedBeforeImageJAllocatesThem() throws Exception {
    // Found by bench/fuzz: ImageJ allocates each value at its declared length (OutOfMemoryError,
    // or NegativeArraySizeException above 2 GB).
    byte[] good = HostileFiles.dicomU8(16, 16, 1);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    byte[] huge = good.clone();
    // (0002,0001) OB: tag at 144 (after the 12-byte group length element), length at 152.
    java.nio.ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(152, 0xA0000000);
    assertThat(b.getShort(144)).isEqualTo((short) 0x0002);
    Path p = tmp.resolve("huge.dcm");
    Files.write(p, huge);
    assertThatThrownBy(() -> DicomReader.readWithImageJ(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged DICOM: element (0002,0001) declares 2684354560 bytes");
    Path ok = tmp.resolve("ok.dcm");
    Files.write(ok, good);
    assertThat(DicomReader.readWithImageJ(ok).width()).isEqualTo(16);
  }

  @Test
  void deflatedDataSetIsInflatedOnlyUpToTheBudget() throws Exception {
    // 2048 x 2048 x 8 frames = 32 MB of pixels in a deflated file of a few hundred kB.
    Path bomb = tmp.resolve("deflated.dcm");
    Files.write(bomb, HostileFiles.dicomU8(2048, 2048, 8, true));
    assertThat(Files.size(bomb)).isLessThan(1 << 20);
    assertThatThrownBy(
            () ->
                DicomElements.check(
                    bomb, DicomPreamble.read(bomb), new ReadBudget(1 << 24, 1 << 20), false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("deflated DICOM data set of deflated.dcm expands to more than");
    Path small = tmp.resolve("small.dcm");
    Files.write(small, HostileFiles.dicomU8(32, 32, 1, true));
    DicomElements.check(small, DicomPreamble.read(small), new ReadBudget(1 << 24, 1 << 20), false);
  }

  @Test
  void bigEndianFileWhoseFirstGroupImageJMisreadsIsRefusedBeforeImageJ() throws Exception {
    // Found by bench/fuzz: ImageJ switches to big endian only when the first data set group reads
    // 0008; with another group it reads a big-endian file little endian and allocates lengths
    // such as 0x0400xxxx. The element walk reads it the way ImageJ does.
    byte[] b = Files.readAllBytes(sample("ExplVR_BigEnd.dcm"));
    b[0x15D] = (byte) 0xDA; // group 0008 -> 00DA
    Path p = tmp.resolve("group.dcm");
    Files.write(p, java.util.Arrays.copyOf(b, 6020));
    assertThatThrownBy(() -> DicomReader.readWithImageJ(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("damaged DICOM: element");
  }
}
