package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.testing.Requirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hdf5Uint8WriterTest {
  static final String READ =
      """
import json, sys
import h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    d = f[sys.argv[2]]
    print(json.dumps({"keys": list(f.keys()), "dtype": str(d.dtype), "shape": list(d.shape),
                      "layout": d.id.get_create_plist().get_layout(),
                      "values": d[:].reshape(-1).tolist()}))
""";

  @TempDir Path tmp;

  private static int lookup3(String s, int initval) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return Hdf5Uint8Writer.lookup3(b, 0, b.length, initval);
  }

  @Test
  void lookup3MatchesTheReferenceVectors() {
    // lookup3.c driver5(): hashlittle("", 0, 0) and hashlittle("Four score...", 30, 0 / 1).
    assertThat(lookup3("", 0)).isEqualTo(0xdeadbeef);
    assertThat(lookup3("Four score and seven years ago", 0)).isEqualTo(0x17770551);
    assertThat(lookup3("Four score and seven years ago", 1)).isEqualTo(0xcd628161);
  }

  @Test
  void lookup3MatchesTheHdf5Library() {
    // First 44 bytes of a superblock written by HDF5 1.10.8 (h5py, libver="latest"); the library
    // stored checksum 0xfd6cbc09 after them. 44 = 3 full 12-byte rounds + an 8-byte tail.
    byte[] sb =
        HexFormat.of()
            .parseHex(
                "894844460d0a1a0a030808000000000000000000ffffffffffffffff"
                    + "18080000000000003000000000000000");
    assertThat(Hdf5Uint8Writer.lookup3(sb, 0, 44, 0)).isEqualTo(0xfd6cbc09);
    // An offset into a larger array hashes only the given range.
    byte[] shifted = new byte[50];
    System.arraycopy(sb, 0, shifted, 3, 44);
    assertThat(Hdf5Uint8Writer.lookup3(shifted, 3, 44, 0)).isEqualTo(0xfd6cbc09);
  }

  @Test
  void grayFileReadsBackInH5py() throws Exception {
    checkRoundTrip(new long[] {3, 5, 7}, "images");
  }

  @Test
  void rgbFileReadsBackInH5py() throws Exception {
    checkRoundTrip(new long[] {4, 6, 5, 3}, "images");
  }

  @Test
  void longNameNeedsTwoByteHeaderSize() throws Exception {
    // 255-byte name: the root group's messages exceed 255 bytes, so chunk 0's size takes 2 bytes.
    checkRoundTrip(new long[] {2, 3, 4}, "n".repeat(255));
  }

  @Test
  void wrongByteCountOnCloseThrows() throws Exception {
    Path file = tmp.resolve("short.h5");
    Hdf5Uint8Writer w = Hdf5Uint8Writer.open(file, "images", new long[] {2, 4, 4});
    w.append(new byte[16]);
    assertThatThrownBy(w::close)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("expected 32")
        .hasMessageContaining("got 16");
  }

  @Test
  void tooManyBytesThrowsOnAppend() throws Exception {
    try (Hdf5Uint8Writer w =
        Hdf5Uint8Writer.open(tmp.resolve("long.h5"), "images", new long[] {1, 2, 2})) {
      assertThatThrownBy(() -> w.append(new byte[5]))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("expected 4");
      w.append(new byte[4]);
    }
  }

  @Test
  void rejectsBadShapesAndNames() {
    Path f = tmp.resolve("bad.h5");
    assertThatThrownBy(() -> Hdf5Uint8Writer.open(f, "images", new long[] {2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hdf5Uint8Writer.open(f, "a/b", new long[] {1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void checkRoundTrip(long[] dims, String name) throws Exception {
    int n = (int) dims[0];
    int per = 1;
    for (int i = 1; i < dims.length; i++) {
      per *= (int) dims[i];
    }
    byte[] all = new byte[n * per];
    Path file = tmp.resolve("t.h5");
    try (Hdf5Uint8Writer w = Hdf5Uint8Writer.open(file, name, dims)) {
      for (int i = 0; i < n; i++) {
        byte[] img = new byte[per];
        for (int j = 0; j < per; j++) {
          img[j] = (byte) (i * 97 + j * 13 + 200); // covers 0..255, so uint8 vs int8 shows
        }
        System.arraycopy(img, 0, all, i * per, per);
        w.append(img);
      }
    }
    JsonNode py = readWithH5py(file, name);
    assertThat(py.get("keys").get(0).asText()).isEqualTo(name);
    assertThat(py.get("dtype").asText()).isEqualTo("uint8");
    StringBuilder shape = new StringBuilder();
    for (long d : dims) {
      shape.append(shape.length() == 0 ? "[" : ",").append(d);
    }
    assertThat(py.get("shape").toString()).isEqualTo(shape + "]");
    assertThat(py.get("layout").asInt()).isEqualTo(1); // h5py.h5d.CONTIGUOUS
    int[] values = new int[py.get("values").size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = py.get("values").get(k).asInt();
    }
    int[] expected = new int[all.length];
    for (int k = 0; k < all.length; k++) {
      expected[k] = all[k] & 0xff;
    }
    assertThat(values).isEqualTo(expected);
  }

  /** Skips without Debian's Python + h5py, except under CI, where a missing peer is a failure. */
  private JsonNode readWithH5py(Path file, String name) throws Exception {
    Requirements.python("h5py", "numpy");
    Result r = python("-c", READ, file.toString(), name);
    assertThat(r.exitCode()).as("h5py failed:\n%s", r.output()).isZero();
    return new ObjectMapper().readTree(r.output());
  }

  record Result(int exitCode, String output) {}

  private Result python(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(MedimetaExporterTest.PYTHON.toString()));
    cmd.addAll(List.of(args));
    // stderr to a file: reading two pipes one after the other can deadlock on a full buffer.
    Path err = Files.createTempFile(tmp, "python", ".err");
    Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python timed out");
    }
    String errText = Files.readString(err, StandardCharsets.UTF_8);
    return new Result(p.exitValue(), p.exitValue() == 0 ? out : out + errText);
  }
}
