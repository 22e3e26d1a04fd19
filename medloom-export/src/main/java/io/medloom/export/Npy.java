package io.medloom.export;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes NumPy {@code .npy} files, format version 1.0, little-endian, C order. */
final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

  private Npy() {}

  /** int64 array of {@code shape}; {@code values} in C order, length = product of shape. */
  static void writeInt64(Path file, long[] values, int... shape) throws IOException {
    check(values.length, shape);
    try (DataOutputStream out = open(file, "<i8", shape)) {
      ByteBuffer b = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
      for (long v : values) {
        if (!b.hasRemaining()) {
          flush(b, out);
        }
        b.putLong(v);
      }
      flush(b, out);
    }
  }

  /** float64 array of {@code shape}. */
  static void writeFloat64(Path file, double[] values, int... shape) throws IOException {
    check(values.length, shape);
    try (DataOutputStream out = open(file, "<f8", shape)) {
      ByteBuffer b = ByteBuffer.allocate(8 * 1024).order(ByteOrder.LITTLE_ENDIAN);
      for (double v : values) {
        if (!b.hasRemaining()) {
          flush(b, out);
        }
        b.putDouble(v);
      }
      flush(b, out);
    }
  }

  /** The header dictionary as numpy writes it, padded so the data starts at a multiple of 64. */
  static byte[] header(String descr, int... shape) {
    String dims =
        shape.length == 1
            ? "(" + shape[0] + ",)"
            : Arrays.stream(shape)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int pad = (64 - unpadded % 64) % 64;
    String text = dict + " ".repeat(pad) + "\n";
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    if (t.length > 0xffff) {
      throw new IllegalArgumentException("npy header too long for format 1.0: " + t.length);
    }
    ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 2 + t.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putShort((short) t.length).put(t);
    return b.array();
  }

  private static DataOutputStream open(Path file, String descr, int... shape) throws IOException {
    OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    DataOutputStream out = new DataOutputStream(os);
    out.write(header(descr, shape));
    return out;
  }

  private static void flush(ByteBuffer b, OutputStream out) throws IOException {
    out.write(b.array(), 0, b.position());
    b.clear();
  }

  private static void check(int length, int... shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + length);
    }
  }
}
