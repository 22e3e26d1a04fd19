package io.medloom.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.testing.SharedData;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Display orientation of {@link NiftiVolume#slice}: each pixel holds its own voxel index, so the
 * test can map it back to world coordinates through the affine and check the radiological layout.
 */
class NiftiSliceTest {
  /** Affines with their nibabel aff2axcodes (ch2 sform, anatomical sform, a fixture, ch2 qform). */
  static final Object[][] CASES = {
    {new double[][] {{1, 0, 0, -90}, {0, 1, 0, -125}, {0, 0, 1, -71}, {0, 0, 0, 1}}, "RAS"},
    {new double[][] {{-2, 0, 0, 32}, {0, 2, 0, -40}, {0, 0, 2, -16}, {0, 0, 0, 1}}, "LAS"},
    {new double[][] {{0, 0, -2.5, 40}, {1.5, 0, 0, -30}, {0, 3, 0, 12}, {0, 0, 0, 1}}, "ASL"},
    {new double[][] {{1, 0, 0, 0}, {0, -1, 0, 0}, {0, 0, -1, 0}, {0, 0, 0, 1}}, "RPI"},
  };

  static NiftiVolume indexVolume(double[][] affine, String codes) {
    int nx = 5;
    int ny = 6;
    int nz = 7;
    float[] data = new float[nx * ny * nz * 2];
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    return new NiftiVolume(
        nx, ny, nz, 2, 1, new double[] {1, 1, 1}, 16, data, affine, codes, "", false);
  }

  static double[] world(NiftiVolume v, float value) {
    int i = (int) value;
    int[] ijk = {i % v.nx(), (i / v.nx()) % v.ny(), (i / (v.nx() * v.ny())) % v.nz()};
    double[] w = new double[3];
    for (int r = 0; r < 3; r++) {
      w[r] = v.affine()[r][3];
      for (int c = 0; c < 3; c++) {
        w[r] += v.affine()[r][c] * ijk[c];
      }
    }
    return w;
  }

  /**
   * Along image columns world axis {@code colWorld} must fall (patient right / anterior at the
   * left), along rows {@code rowWorld} must fall (anterior / superior at the top), and the third
   * world coordinate must be constant (one plane).
   */
  static void check(NiftiVolume v, String plane, int colWorld, int rowWorld, int throughWorld) {
    for (int index = 0; index < v.sliceCount(plane); index++) {
      NiftiVolume.Slice s = v.slice(plane, index, 1);
      assertThat(s.values()).hasSize(s.width() * s.height());
      double plane0 = world(v, s.values()[0])[throughWorld];
      for (int row = 0; row < s.height(); row++) {
        for (int col = 0; col < s.width(); col++) {
          float here = s.values()[row * s.width() + col];
          assertThat(here).as("t=1 block").isGreaterThanOrEqualTo(v.nx() * v.ny() * v.nz());
          double[] w = world(v, here);
          assertThat(w[throughWorld]).as(plane + " through").isEqualTo(plane0);
          if (col > 0) {
            double[] left = world(v, s.values()[row * s.width() + col - 1]);
            assertThat(w[colWorld])
                .as(v.axisCodes() + " " + plane + " col")
                .isLessThan(left[colWorld]);
          }
          if (row > 0) {
            double[] up = world(v, s.values()[(row - 1) * s.width() + col]);
            assertThat(w[rowWorld])
                .as(v.axisCodes() + " " + plane + " row")
                .isLessThan(up[rowWorld]);
          }
        }
      }
    }
  }

  @Test
  void radiologicalLayoutForEveryAxisOrder() {
    for (Object[] c : CASES) {
      NiftiVolume v = indexVolume((double[][]) c[0], (String) c[1]);
      check(v, "axial", 0, 1, 2); // R→L across, A→P down
      check(v, "coronal", 0, 2, 1); // R→L across, S→I down
      check(v, "sagittal", 1, 2, 0); // A→P across, S→I down
    }
  }

  @Test
  void sliceSizesFollowTheAxes() {
    NiftiVolume v = indexVolume((double[][]) CASES[2][0], "ASL"); // i→A, j→S, k→L
    assertThat(v.sliceCount("axial")).isEqualTo(6);
    assertThat(v.sliceCount("coronal")).isEqualTo(5);
    assertThat(v.sliceCount("sagittal")).isEqualTo(7);
    NiftiVolume.Slice ax = v.slice("Axial", 0, 0);
    assertThat(ax.width()).isEqualTo(7); // L/R axis across
    assertThat(ax.height()).isEqualTo(5); // A/P axis down
  }

  @Test
  void badPlaneOrIndex() {
    NiftiVolume v = indexVolume((double[][]) CASES[0][0], "RAS");
    assertThatThrownBy(() -> v.slice("oblique", 0, 0)).hasMessageContaining("'oblique'");
    assertThatThrownBy(() -> v.slice("axial", 7, 0)).hasMessageContaining("axial index = 7");
    assertThatThrownBy(() -> v.get(0, 0, 0, 2)).hasMessageContaining("t = 2");
  }

  @Test
  void realTemplateAxialSliceIsAnteriorUp() throws IOException {
    // ch2 is RAS: axial slice rows run anterior→posterior, columns right→left.
    NiftiVolume v =
        NiftiReader.read(SharedData.require("nifti-samples").resolve("mricron/ch2.nii.gz"));
    assertThat(v.sliceCount("axial")).isEqualTo(181);
    NiftiVolume.Slice s = v.slice("axial", 90, 0);
    assertThat(s.width()).isEqualTo(181);
    assertThat(s.height()).isEqualTo(217);
    // Pixel (row 0, col 0) is voxel (x = 180, y = 216, z = 90): most right, most anterior.
    assertThat(s.values()[0]).isEqualTo(v.get(180, 216, 90, 0));
    assertThat(s.values()[s.width() * (s.height() - 1)]).isEqualTo(v.get(180, 0, 90, 0));
    assertThat(s.values()[5 * s.width() + 7]).isEqualTo(v.get(180 - 7, 216 - 5, 90, 0));
  }
}
