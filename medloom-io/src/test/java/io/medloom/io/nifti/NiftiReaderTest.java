package io.medloom.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.medloom.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample under shared/data/nifti-samples, and peer-written fixtures, against nibabel. */
class NiftiReaderTest {
  @TempDir Path dir;

  /** Expected values for one sample file; mean/min/max are over all values of get_fdata(). */
  record Golden(
      String file,
      int nx,
      int ny,
      int nz,
      int nt,
      int datatype,
      double mean,
      double min,
      double max,
      double[][] affine,
      String axisCodes) {
    @Override
    public String toString() {
      return file;
    }
  }

  /**
   * Computed with Debian's nibabel 5.0.0 (/usr/bin/python3): {@code img = nib.load(f); d =
   * img.get_fdata(dtype=np.float64)}; shape from {@code img.shape}, datatype from {@code
   * img.header['datatype']}, {@code d.mean()}, {@code d.min()}, {@code d.max()}, {@code
   * img.affine}, {@code ''.join(nib.aff2axcodes(img.affine))}.
   */
  static final Golden[] GOLDEN = {
    new Golden(
        "mricron/JHU-WhiteMatter-labels-2mm.nii.gz",
        91,
        109,
        91,
        1,
        2,
        0.46615276043645837,
        0.0,
        48.0,
        new double[][] {
          {2.0, 0.0, 0.0, -90.0},
          {0.0, 2.0, 0.0, -126.0},
          {0.0, 0.0, 2.0, -72.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "RAS"),
    new Golden(
        "mricron/aal.nii.gz",
        181,
        217,
        181,
        1,
        2,
        10.78281526998284,
        0.0,
        116.0,
        new double[][] {
          {1.0, 0.0, 0.0, -90.0},
          {0.0, 1.0, 0.0, -125.0},
          {0.0, 0.0, 1.0, -71.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "RAS"),
    new Golden(
        "mricron/brodmann.nii.gz",
        181,
        217,
        181,
        1,
        2,
        4.736623587363698,
        0.0,
        48.0,
        new double[][] {
          {1.0, 0.0, 0.0, -90.0},
          {0.0, 1.0, 0.0, -125.0},
          {0.0, 0.0, 1.0, -71.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "RAS"),
    new Golden(
        "mricron/ch2.nii.gz",
        181,
        217,
        181,
        1,
        2,
        44.61177355282364,
        0.0,
        254.0,
        new double[][] {
          {1.0, 0.0, 0.0, -90.0},
          {0.0, 1.0, 0.0, -125.0},
          {0.0, 0.0, 1.0, -71.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "RAS"),
    new Golden(
        "mricron/ch2bet.nii.gz",
        181,
        217,
        181,
        1,
        2,
        22.298970325090092,
        0.0,
        133.0,
        new double[][] {
          {1.0, 0.0, 0.0, -90.0},
          {0.0, 1.0, 0.0, -125.0},
          {0.0, 0.0, 1.0, -71.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "RAS"),
    new Golden(
        "nibabel/anatomical.nii",
        33,
        41,
        25,
        1,
        4,
        8401.066725794532,
        -610.0,
        30393.0,
        new double[][] {
          {-2.0, 0.0, 0.0, 32.0},
          {0.0, 2.0, 0.0, -40.0},
          {0.0, 0.0, 2.0, -16.0},
          {0.0, 0.0, 0.0, 1.0}
        },
        "LAS"),
    new Golden(
        "nibabel/example4d.nii.gz",
        128,
        96,
        24,
        2,
        4,
        172.90811496310764,
        0.0,
        1162.0,
        new double[][] {
          {-2.0, 6.714715653593746e-19, 9.081024511081715e-18, 117.8551025390625},
          {-6.714715653593746e-19, 1.9737114906311035, -0.35552823543548584, -35.72294235229492},
          {8.25548088896093e-18, 0.3232076168060303, 2.171081781387329, -7.248798370361328},
          {0.0, 0.0, 0.0, 1.0}
        },
        "LAS"),
    new Golden(
        "nibabel/example_nifti2.nii.gz",
        32,
        20,
        12,
        2,
        4,
        450.963671875,
        46.0,
        757.0,
        new double[][] {
          {-2.0, 6.714715653593746e-19, 9.081024511081715e-18, 117.8551025390625},
          {-6.714715653593746e-19, 1.9737114906311035, -0.35552823543548584, -35.72294235229492},
          {8.25548088896093e-18, 0.3232076168060303, 2.171081781387329, -7.248798370361328},
          {0.0, 0.0, 0.0, 1.0}
        },
        "LAS"),
    new Golden(
        "nibabel/functional.nii",
        17,
        21,
        3,
        20,
        4,
        3637.408513675239,
        629.826171875,
        5571.621858656406,
        new double[][] {
          {-4.0, 0.0, 0.0, 32.0}, {0.0, 4.0, 0.0, -40.0}, {0.0, 0.0, 8.0, 0.0}, {0.0, 0.0, 0.0, 1.0}
        },
        "LAS"),
    new Golden(
        "nibabel/standard.nii.gz",
        4,
        5,
        7,
        1,
        2,
        54.642857142857146,
        0.0,
        255.0,
        new double[][] {
          {1.0, 0.0, 0.0, 0.0}, {0.0, 3.0, 0.0, 0.0}, {0.0, 0.0, 2.0, 0.0}, {0.0, 0.0, 0.0, 1.0}
        },
        "RAS"),
  };

  static Stream<Golden> goldens() {
    return Stream.of(GOLDEN);
  }

  static Path samples() {
    return SharedData.require("nifti-samples");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void sampleMatchesNibabel(Golden g) throws IOException {
    NiftiVolume v = NiftiReader.read(samples().resolve(g.file()));
    assertMatches(v, g);
  }

  static void assertMatches(NiftiVolume v, Golden g) {
    assertThat(new int[] {v.nx(), v.ny(), v.nz(), v.nt(), v.channels()})
        .as(g.file() + " dims")
        .containsExactly(g.nx(), g.ny(), g.nz(), g.nt(), 1);
    assertThat(v.datatype()).as(g.file() + " datatype").isEqualTo(g.datatype());
    double[] s = stats(v.data());
    // Values are floats; nibabel's are float64: scaled int16 (functional.nii) differs by < 1 ulp.
    assertThat(s[0] / v.data().length).as(g.file() + " mean").isCloseTo(g.mean(), within(1e-4));
    assertThat(s[1]).as(g.file() + " min").isEqualTo((double) (float) g.min());
    assertThat(s[2]).as(g.file() + " max").isEqualTo((double) (float) g.max());
    assertAffine(v.affine(), g.affine(), 1e-6);
    assertThat(v.axisCodes()).as(g.file() + " axis codes").isEqualTo(g.axisCodes());
    assertThat(v.hasNonFinite()).isFalse();
  }

  /** {sum, min, max} over finite values. */
  static double[] stats(float[] data) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float f : data) {
      if (Float.isFinite(f)) {
        sum += f;
        min = Math.min(min, f);
        max = Math.max(max, f);
      }
    }
    return new double[] {sum, min, max};
  }

  static void assertAffine(double[][] actual, double[][] expected, double tol) {
    assertThat(actual).hasDimensions(4, 4);
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        assertThat(actual[r][c]).as("affine[%d][%d]", r, c).isCloseTo(expected[r][c], within(tol));
      }
    }
  }

  static Golden golden(String file) {
    return Stream.of(GOLDEN).filter(g -> g.file().equals(file)).findFirst().orElseThrow();
  }

  static byte[] gunzip(byte[] b) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
      return in.readAllBytes();
    }
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  static byte[] fixture(String base64) throws IOException {
    return gunzip(Base64.getDecoder().decode(base64));
  }

  // ---- header/image pairs, made by splitting anatomical.nii (big-endian int16) ----

  @Test
  void readsHdrImgPairGivenEitherFileAndGzipped() throws IOException {
    byte[] nii = Files.readAllBytes(samples().resolve("nibabel/anatomical.nii"));
    byte[] hdr = java.util.Arrays.copyOf(nii, 348);
    hdr[345] = 'i'; // "n+1" -> "ni1": data lives in the .img
    // vox_offset (float at 108, big-endian here) -> 0: the .img holds only voxels
    hdr[108] = hdr[109] = hdr[110] = hdr[111] = 0;
    byte[] img = java.util.Arrays.copyOfRange(nii, 352, nii.length);
    Files.write(dir.resolve("a.hdr"), hdr);
    Files.write(dir.resolve("a.img"), img);
    Files.write(dir.resolve("b.hdr.gz"), gzip(hdr));
    Files.write(dir.resolve("b.img.gz"), gzip(img));
    Golden g = golden("nibabel/anatomical.nii");
    for (String f : new String[] {"a.hdr", "a.img", "b.hdr.gz", "b.img.gz"}) {
      assertMatches(NiftiReader.read(dir.resolve(f)), g);
    }
  }

  // ---- tiny fixtures written by nibabel: every datatype, both byte orders, NIfTI-2, pairs ----

  @Test
  void fixturesMatchNibabel() throws IOException {
    for (NiftiFixtures.Fixture f : NiftiFixtures.ALL) {
      Path p;
      if (f.nii() != null) {
        p = dir.resolve(f.name() + ".nii");
        Files.write(p, fixture(f.nii()));
        Files.write(dir.resolve(f.name() + ".nii.gz"), gzip(fixture(f.nii())));
      } else {
        p = dir.resolve(f.name() + ".hdr");
        Files.write(p, fixture(f.hdr()));
        Files.write(dir.resolve(f.name() + ".img"), fixture(f.img()));
      }
      for (Path q :
          f.nii() != null ? new Path[] {p, dir.resolve(f.name() + ".nii.gz")} : new Path[] {p}) {
        NiftiVolume v = NiftiReader.read(q);
        String what = q.getFileName().toString();
        assertThat(new int[] {v.nx(), v.ny(), v.nz(), v.nt()}).as(what).containsExactly(f.dims());
        assertThat(v.datatype()).as(what).isEqualTo(f.datatype());
        double[] s = stats(v.data());
        double tol = Math.max(1e-3, Math.abs(f.max()) * 1e-6); // float rounding of int32/64
        assertThat(s[0]).as(what + " sum").isCloseTo(f.sum(), within(tol * 60));
        assertThat(s[1]).as(what + " min").isCloseTo(f.min(), within(tol));
        assertThat(s[2]).as(what + " max").isCloseTo(f.max(), within(tol));
        assertThat((double) v.get(1, 2, 1, 0)).as(what).isCloseTo(f.v121(), within(tol));
        assertThat((double) v.get(2, 3, 4, 0)).as(what).isCloseTo(f.v234(), within(tol));
        assertThat(v.hasNonFinite()).as(what).isEqualTo(f.nonFinite() > 0);
        int nonFinite = 0;
        for (float x : v.data()) {
          nonFinite += Float.isFinite(x) ? 0 : 1;
        }
        assertThat(nonFinite).as(what).isEqualTo(f.nonFinite());
        assertAffine(v.affine(), f.affine(), 1e-5);
        assertThat(v.axisCodes()).as(what).isEqualTo(f.axisCodes());
        assertThat(v.integerData())
            .as(what)
            .isEqualTo(f.datatype() != 16 && f.datatype() != 64 && !f.name().contains("scaled"));
      }
    }
  }

  @Test
  void rgb24IsThreeInterleavedChannels() throws IOException {
    Path p = dir.resolve("rgb.nii");
    Files.write(p, fixture(NiftiFixtures.RGB_NII));
    NiftiVolume v = NiftiReader.read(p);
    assertThat(v.datatype()).isEqualTo(NiftiFixtures.RGB_DATATYPE);
    assertThat(v.channels()).isEqualTo(3);
    assertThat(v.data()).hasSize(4 * 3 * 2 * 3);
    for (int c = 0; c < 3; c++) {
      assertThat(v.get(1, 2, 1, 0, c)).isEqualTo((float) NiftiFixtures.RGB_AT_121[c]);
      long sum = 0;
      for (int i = c; i < v.data().length; i += 3) {
        sum += (long) v.data()[i];
      }
      assertThat(sum).isEqualTo(NiftiFixtures.RGB_SUMS[c]);
    }
    assertThat(v.axisCodes()).isEqualTo(NiftiFixtures.RGB_AXES);
    NiftiVolume.Slice s = v.slice("axial", 1, 0);
    assertThat(s.values()).hasSize(s.width() * s.height() * 3);
  }
}
