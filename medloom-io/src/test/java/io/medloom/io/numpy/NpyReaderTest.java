package io.medloom.io.numpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, byte orders, Fortran order and dtypes against arrays written by numpy itself. */
class NpyReaderTest {
  @TempDir Path dir;

  static NpyArray parse(String base64) throws IOException {
    return NpyReader.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
  }

  static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  static int[] ints(double[] d) {
    int[] v = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      v[i] = (int) d[i];
    }
    return v;
  }

  @Test
  void version1BigEndianFortranInt16() throws IOException {
    NpyArray a = parse(NpyFixtures.V1_BE_I2_FORTRAN);
    assertThat(a.dtype()).isEqualTo(NpyFixtures.V1_BE_I2_FORTRAN_DTYPE);
    assertThat(a.shape()).containsExactly(NpyFixtures.V1_BE_I2_FORTRAN_SHAPE);
    assertThat(a.fortranOrder()).isTrue();
    assertThat(a.elementSize()).isEqualTo(2);
    assertThat(a.size()).isEqualTo(24);
    // Values come back in C order even though the file is column-major.
    assertThat(a.toIntArray()).containsExactly(ints(NpyFixtures.V1_BE_I2_FORTRAN_VALUES));
    assertThat(a.toFloatArray()).containsExactly(floats(NpyFixtures.V1_BE_I2_FORTRAN_VALUES));
  }

  @Test
  void version2Float64() throws IOException {
    NpyArray a = parse(NpyFixtures.V2_F8);
    assertThat(a.dtype()).isEqualTo("<f8");
    assertThat(a.shape()).containsExactly(NpyFixtures.V2_F8_SHAPE);
    assertThat(a.toFloatArray()).containsExactly(floats(NpyFixtures.V2_F8_VALUES));
    assertThatThrownBy(a::toIntArray)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("<f8");
  }

  @Test
  void version3Float32WithNaN() throws IOException {
    NpyArray a = parse(NpyFixtures.V3_F4);
    assertThat(a.dtype()).isEqualTo("<f4");
    assertThat(a.shape()).containsExactly(NpyFixtures.V3_F4_SHAPE);
    assertThat(a.toFloatArray()).containsExactly(floats(NpyFixtures.V3_F4_VALUES));
    assertThatThrownBy(a::uint8).hasMessageContaining("|u1").hasMessageContaining("<f4");
  }

  @Test
  void uint32OutOfIntRangeIsRefusedByToIntArray() throws IOException {
    NpyArray a = parse(NpyFixtures.U4_BIG);
    assertThat(a.toFloatArray()).containsExactly(floats(NpyFixtures.U4_BIG_VALUES));
    assertThatThrownBy(a::toIntArray)
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("4000000000")
        .hasMessageContaining("flat index 1");
  }

  @Test
  void boolHalfAndScalar() throws IOException {
    assertThat(parse(NpyFixtures.B1).toIntArray()).containsExactly(ints(NpyFixtures.B1_VALUES));
    assertThat(parse(NpyFixtures.F2).toFloatArray()).containsExactly(floats(NpyFixtures.F2_VALUES));
    NpyArray s = parse(NpyFixtures.I8_SCALAR);
    assertThat(s.shape()).isEmpty();
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.toIntArray()).containsExactly(-42);
  }

  @Test
  void readsFromPath() throws IOException {
    Path p = dir.resolve("a.npy");
    Files.write(p, Base64.getDecoder().decode(NpyFixtures.V2_F8));
    assertThat(NpyReader.read(p).shape()).containsExactly(3, 5);
  }
}
