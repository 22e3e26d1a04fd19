package io.medloom.io.numpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.source.ReadBudget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken .npy/.npz inputs: each must fail with an IOException naming the problem and value. */
class NpyHostileTest {
  @TempDir Path dir;

  /** A v1.0 .npy with the given header dict (padded like numpy) and data bytes. */
  static byte[] npy(String dict, byte[] data) {
    String h = dict + " ".repeat(64 - (10 + dict.length() + 1) % 64) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(h.length() & 0xff);
    out.write(h.length() >> 8);
    out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  static NpyArray read(byte[] b) throws IOException {
    return NpyReader.read(new ByteArrayInputStream(b));
  }

  static byte[] valid() {
    return Base64.getDecoder().decode(NpyFixtures.V2_F8);
  }

  @Test
  void badMagic() {
    byte[] b = valid();
    b[1] = 'X';
    assertThatThrownBy(() -> read(b))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad npy magic 93 58 55 4d 50 59");
    assertThatThrownBy(() -> read(new byte[0])).hasMessageContaining("(empty)");
  }

  @Test
  void unsupportedVersion() {
    byte[] b = valid();
    b[6] = 4;
    assertThatThrownBy(() -> read(b))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unsupported npy format version 4.0");
  }

  @Test
  void headerDictThatDoesNotParse() {
    byte[] b = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4) ", new byte[48]);
    assertThatThrownBy(() -> read(b))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("header dict does not parse")
        .hasMessageContaining("'shape': (3, 4)");
    byte[] c = npy("{'descr': '<f4', 'fortran_order': maybe, 'shape': (3,)}", new byte[12]);
    assertThatThrownBy(() -> read(c)).hasMessageContaining("unexpected 'm'");
    byte[] d = npy("{'descr': '<f4', 'shape': (3,)}", new byte[12]);
    assertThatThrownBy(() -> read(d)).hasMessageContaining("keys are [descr, shape]");
    byte[] e = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, -1)}", new byte[12]);
    assertThatThrownBy(() -> read(e)).hasMessageContaining("invalid dimension -1");
  }

  @Test
  void truncatedData() {
    byte[] b = valid();
    byte[] cut = Arrays.copyOf(b, b.length - 20);
    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "truncated npy data: shape [3, 5] of <f8 needs 120 bytes, actual 100");
  }

  @Test
  void objectDtypeIsRefused() {
    byte[] b = npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", new byte[16]);
    assertThatThrownBy(() -> read(b))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("object dtype '|O' refused")
        .hasMessageContaining("never loaded");
  }

  @Test
  void structuredAndUnknownDtypes() {
    byte[] b =
        npy("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (2,), }", new byte[8]);
    assertThatThrownBy(() -> read(b)).hasMessageContaining("structured dtype");
    byte[] c = npy("{'descr': '<q7', 'fortran_order': False, 'shape': (2,), }", new byte[8]);
    assertThatThrownBy(() -> read(c)).hasMessageContaining("unsupported dtype '<q7'");
  }

  @Test
  void hugeShapeIsRefusedBeforeReading() {
    byte[] b =
        npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[8]);
    assertThatThrownBy(() -> read(b)).hasMessageContaining("[100000, 100000]");
  }

  private Path zip(String name, byte[] content) throws IOException {
    Path p = dir.resolve("bad.npz");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
      z.putNextEntry(new ZipEntry("ok.npy"));
      z.write(valid());
      z.closeEntry();
      z.putNextEntry(new ZipEntry(name));
      z.write(content);
      z.closeEntry();
    }
    return p;
  }

  @Test
  void npzEntryThatIsNotNpy() throws IOException {
    Path p = zip("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> NpzReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("zip entry 'readme.txt' is not a .npy");
  }

  @Test
  void npzWithBrokenNpyEntryNamesTheEntry() throws IOException {
    byte[] v = valid();
    Path p = zip("cut.npy", Arrays.copyOf(v, v.length - 8));
    assertThatThrownBy(() -> NpzReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.npz!cut.npy")
        .hasMessageContaining("truncated");
  }

  @Test
  void npzEntryWithTrailingBytes() throws IOException {
    byte[] v = valid();
    Path p = zip("long.npy", Arrays.copyOf(v, v.length + 8));
    assertThatThrownBy(() -> NpzReader.read(p)).hasMessageContaining("extra bytes");
  }

  @Test
  void notAZipAtAll() throws IOException {
    Path p = dir.resolve("x.npz");
    Files.write(p, valid());
    assertThatThrownBy(() -> NpzReader.read(p))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a valid npz (zip) file");
  }

  @Test
  void truncatedZip() throws IOException {
    Path src = dir.resolve("c.npz");
    byte[] z = Base64.getDecoder().decode(NpyFixtures.NPZ_DEFLATED);
    Files.write(src, Arrays.copyOf(z, z.length / 2));
    assertThatThrownBy(() -> NpzReader.read(src))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("c.npz");
  }

  @Test
  void npzBombStopsAtTheBudgetAndSoDoesTheSumOfItsArrays() throws IOException {
    Path bomb = dir.resolve("bomb.npz");
    io.medloom.testing.HostileFiles.npzBomb(bomb, "x", new long[] {64 << 20});
    assertThatThrownBy(() -> NpzReader.read(bomb, new ReadBudget(1 << 20, 1 << 20)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bomb.npz!x.npy")
        .hasMessageContaining("[67108864] of |u1 needs 67108864 bytes")
        .hasMessageContaining("read budget of 1048576");
    // Each array fits on its own, the two together do not.
    Path two = zip("second.npy", valid());
    assertThat(NpzReader.read(two, new ReadBudget(1, 240))).hasSize(2);
    assertThatThrownBy(() -> NpzReader.read(two, new ReadBudget(1, 200)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.npz!second.npy")
        .hasMessageContaining("read budget of 80");
  }

  @Test
  void npyFileDeclaringMoreThanItHoldsIsRefusedUnread() throws IOException {
    Path p = dir.resolve("lie.npy");
    Files.write(
        p, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (10000000,), }", new byte[8]));
    assertThatThrownBy(() -> NpyReader.read(p, new ReadBudget(1, 1L << 30)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("needs 80000000 bytes, the file holds 8");
    assertThatThrownBy(() -> NpyReader.read(p, new ReadBudget(1, 1000)))
        .isInstanceOf(ReadBudget.BudgetExceededException.class)
        .hasMessageContaining("read budget of 1000");
  }
}
