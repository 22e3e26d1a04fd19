package io.medloom.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The qform (quaternion) path and the pixdim fallback, by switching off a sample's sform. */
class NiftiGeometryTest {
  @TempDir Path dir;

  /** Writes {@code file} decompressed with sform_code (and optionally qform_code) overwritten. */
  private NiftiVolume withCodes(String file, int qformCode, int sformCode) throws IOException {
    Path src = SharedData.require("nifti-samples").resolve(file);
    byte[] b = NiftiReaderTest.gunzip(Files.readAllBytes(src));
    ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    h.putShort(252, (short) qformCode).putShort(254, (short) sformCode);
    Path p = dir.resolve("codes.nii");
    Files.write(p, b);
    return NiftiReader.read(p);
  }

  @Test
  void obliqueQformMatchesNibabel() throws IOException {
    // nibabel 5.0.0: nib.load('nibabel/example4d.nii.gz').get_qform(), aff2axcodes -> LAS
    double[][] expected = {
      {-1.999999995978187, 1.0282396754185892e-05, 0.00013905980362440367, 117.8551025390625},
      {-1.0282396754185892e-05, 1.9737114380364735, -0.3555282247524397, -35.72294235229492},
      {0.00012641805535562603, 0.32320761014906196, 2.1710816833341227, -7.248798370361328},
      {0, 0, 0, 1}
    };
    NiftiVolume v = withCodes("nibabel/example4d.nii.gz", 1, 0);
    NiftiReaderTest.assertAffine(v.affine(), expected, 1e-7);
    assertThat(v.axisCodes()).isEqualTo("LAS");
  }

  @Test
  void rotatedQformWithFlippedAxis() throws IOException {
    // nibabel: nib.load('mricron/ch2.nii.gz').get_qform() (quatern_b = 1: 180° about x) -> RPI
    NiftiVolume v = withCodes("mricron/ch2.nii.gz", 1, 0);
    NiftiReaderTest.assertAffine(
        v.affine(),
        new double[][] {{1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, 1}},
        1e-12);
    assertThat(v.axisCodes()).isEqualTo("RPI");
  }

  @Test
  void qfacMinusOneFlipsTheThirdAxis() throws IOException {
    // nibabel: nib.load('mricron/JHU-WhiteMatter-labels-2mm.nii.gz').get_qform() -> RAI
    NiftiVolume v = withCodes("mricron/JHU-WhiteMatter-labels-2mm.nii.gz", 4, 0);
    NiftiReaderTest.assertAffine(
        v.affine(),
        new double[][] {{2, 0, 0, -90}, {0, 2, 0, -126}, {0, 0, -2, -72}, {0, 0, 0, 1}},
        1e-12);
    assertThat(v.axisCodes()).isEqualTo("RAI");
  }

  @Test
  void noCodesMeansPixdimScaling() throws IOException {
    // NIfTI "method 1" (deliberately not nibabel's Analyze-style centred, x-flipped guess).
    NiftiVolume v = withCodes("nibabel/standard.nii.gz", 0, 0);
    NiftiReaderTest.assertAffine(
        v.affine(), new double[][] {{1, 0, 0, 0}, {0, 3, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}}, 0);
    assertThat(v.pixdim()).containsExactly(1, 3, 2);
    assertThat(v.axisCodes()).isEqualTo("RAS");
  }

  @Test
  void axisCodesOfPermutedAndObliqueAffines() {
    // nibabel: aff2axcodes of these matrices gives ASL and LPS.
    double[][] asl = {{0, 0, -2.5, 40}, {1.5, 0, 0, -30}, {0, 3, 0, 12}, {0, 0, 0, 1}};
    assertThat(NiftiGeometry.axisCodes(asl)).isEqualTo("ASL");
    double[][] lps = {{-0.9, 0.5, 0, 0}, {-0.3, -0.95, 0.1, 0}, {0, 0.1, 1, 0}, {0, 0, 0, 1}};
    assertThat(NiftiGeometry.axisCodes(lps)).isEqualTo("LPS");
  }
}
