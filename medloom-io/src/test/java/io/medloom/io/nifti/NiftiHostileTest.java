package io.medloom.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken variants of valid samples: each must fail with an IOException naming the problem. */
class NiftiHostileTest {
  @TempDir Path dir;

  /** anatomical.nii: NIfTI-1, big-endian int16, 33x41x25, data at 352 (67650 bytes). */
  byte[] anatomical;

  /** example_nifti2.nii.gz, decompressed: NIfTI-2, little-endian. */
  byte[] nifti2;

  @BeforeEach
  void load() throws IOException {
    Path samples = SharedData.require("nifti-samples");
    anatomical = Files.readAllBytes(samples.resolve("nibabel/anatomical.nii"));
    nifti2 =
        NiftiReaderTest.gunzip(
            Files.readAllBytes(samples.resolve("nibabel/example_nifti2.nii.gz")));
  }

  private ByteBuffer be(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
  }

  private Path write(String name, byte[] b) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, b);
    return p;
  }

  @Test
  void truncatedDataSaysExpectedAndActual() throws IOException {
    Path p = write("short.nii", Arrays.copyOf(anatomical, 352 + 1000));
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("expected 67650")
        .hasMessageContaining("actual 1000");
  }

  @Test
  void truncatedGzipDataSaysHowMuchArrived() throws IOException {
    // A complete gzip stream whose content is short: only found while reading.
    Path p = write("short.nii.gz", NiftiReaderTest.gzip(Arrays.copyOf(anatomical, 352 + 1000)));
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("expected 67650")
        .hasMessageContaining("actual 1000");
  }

  @Test
  void gzipStreamThatEndsEarly() throws IOException {
    byte[] gz = NiftiReaderTest.gzip(anatomical);
    Path p = write("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("gzip stream ends early");
  }

  @Test
  void truncatedHeader() throws IOException {
    Path p = write("stub.nii", Arrays.copyOf(anatomical, 200));
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated header")
        .hasMessageContaining("actual 196");
  }

  @Test
  void wrongMagicNifti1() throws IOException {
    byte[] b = anatomical.clone();
    b[344] = 'x';
    b[345] = 'y';
    Path p = write("magic.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("magic \"xy1\\x00\"")
        .hasMessageContaining("\"n+1\" or \"ni1\"");
  }

  @Test
  void wrongMagicNifti2() throws IOException {
    byte[] b = nifti2.clone();
    b[6] = '1'; // "n+2" -> "n+1" in a 540-byte header
    Path p = write("magic2.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("magic \"n+1\\x00\"")
        .hasMessageContaining("\"n+2\" or \"ni2\"");
  }

  @Test
  void wrongSizeofHdr() throws IOException {
    byte[] b = anatomical.clone();
    be(b).putInt(0, 100);
    Path p = write("size.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("sizeof_hdr is 1677721600 (little-endian) / 100 (big-endian)");
  }

  @Test
  void pairMagicInSingleFile() throws IOException {
    byte[] b = anatomical.clone();
    b[345] = 'i';
    Path p = write("pair-magic.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("\"ni1\"")
        .hasMessageContaining("not named .hdr");
  }

  @Test
  void missingImageOfPair() throws IOException {
    byte[] hdr = Arrays.copyOf(anatomical, 348);
    hdr[345] = 'i';
    Path p = write("lonely.hdr", hdr);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("lonely.img");
  }

  @Test
  void zeroOrNegativeDim() throws IOException {
    byte[] b = anatomical.clone();
    be(b).putShort(40 + 2 * 2, (short) -5); // dim[2]
    Path p = write("dim.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("dim[2] is -5");
    be(b).putShort(40 + 2 * 2, (short) 0);
    Files.write(p, b);
    assertThatThrownBy(() -> NiftiReader.read(p)).hasMessageContaining("dim[2] is 0");
  }

  @Test
  void badDimCount() throws IOException {
    byte[] b = anatomical.clone();
    be(b).putShort(40, (short) 9);
    Path p = write("ndim.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("dim[0] (number of dimensions) is 9");
  }

  @Test
  void dimsOverVoxelBudget() throws IOException {
    byte[] b = anatomical.clone();
    ByteBuffer h = be(b);
    h.putShort(40, (short) 4);
    for (int i = 1; i <= 4; i++) {
      h.putShort(40 + 2 * i, (short) 32767);
    }
    Path p = write("huge.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("32767x32767x32767x32767")
        .hasMessageContaining("2^31 voxel budget");
  }

  @Test
  void dimsOverflowingInNifti2() throws IOException {
    byte[] b = nifti2.clone();
    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 1; i <= 4; i++) {
      h.putLong(16 + 8 * i, 1L << 40);
    }
    Path p = write("overflow.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("overflow")
        .hasMessageContaining(String.valueOf(1L << 40));
  }

  @Test
  void gzipTooSmallForTheDims() throws IOException {
    // 256x256x256x30 int16 claimed by a few-kB gzip: refused before allocating a float[].
    byte[] b = anatomical.clone();
    ByteBuffer h = be(b);
    h.putShort(40, (short) 4);
    h.putShort(42, (short) 256).putShort(44, (short) 256).putShort(46, (short) 256);
    h.putShort(48, (short) 30);
    Path p = write("bomb.nii.gz", NiftiReaderTest.gzip(b));
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot hold the 1006632960 data bytes");
  }

  @Test
  void unknownDatatypeNamesTheCode() throws IOException {
    byte[] b = anatomical.clone();
    be(b).putShort(70, (short) 32);
    Path p = write("complex.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("datatype code 32 (complex64)");
    be(b).putShort(70, (short) 999);
    Files.write(p, b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .hasMessageContaining("datatype code 999 (not a NIfTI datatype)");
  }

  @Test
  void invalidVoxOffset() throws IOException {
    byte[] b = anatomical.clone();
    be(b).putFloat(108, -16f);
    Path p = write("offset.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("invalid vox_offset -16.0");
  }

  @Test
  void voxOffsetBeyondTheFile() throws IOException {
    byte[] b = anatomical.clone();
    be(b).putFloat(108, 1_000_000f);
    Path p = write("far.nii", b);
    assertThatThrownBy(() -> NiftiReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("from offset 1000000");
  }

  @Test
  void nonFiniteValuesAreKeptAndReported() throws IOException {
    // float32 copy of anatomical's geometry with two special values; NaN/inf pass through.
    byte[] b = Arrays.copyOf(anatomical, 352 + 33 * 41 * 25 * 4);
    ByteBuffer h = be(b);
    h.putShort(70, (short) 16).putShort(72, (short) 32);
    h.putFloat(352, Float.NaN).putFloat(356, Float.NEGATIVE_INFINITY);
    Path p = write("nan.nii", b);
    NiftiVolume v = NiftiReader.read(p);
    assertThat(v.hasNonFinite()).isTrue();
    assertThat(v.get(0, 0, 0, 0)).isNaN();
    assertThat(v.get(1, 0, 0, 0)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(v.integerData()).isFalse();
  }
}
