package io.medloom.io.numpy;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One numpy array as stored in a {@code .npy}: the dtype string, the shape, the memory order and
 * the raw element bytes exactly as on disk (in the dtype's byte order, in C or Fortran order). The
 * conversions below always return values in C (row-major) order, whatever {@code fortranOrder}
 * says, so {@code a[i, j]} of a 2-D array is at {@code i * shape[1] + j}.
 *
 * @param dtype numpy descr, e.g. "|u1", "&lt;i8", "&lt;f4"
 * @param shape dimensions; empty for a 0-d scalar
 * @param fortranOrder true if {@code data} is column-major
 * @param data raw bytes, {@code size() * elementSize()} of them
 */
public record NpyArray(String dtype, int[] shape, boolean fortranOrder, byte[] data) {

  public NpyArray {
    NpyDtype dt = NpyDtype.parse(dtype);
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n * dt.itemSize() != data.length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " of "
              + dtype
              + " needs "
              + n * dt.itemSize()
              + " bytes, data has "
              + data.length);
    }
  }

  /** Number of elements (1 for a 0-d array). */
  public long size() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /** Bytes per element. */
  public int elementSize() {
    return NpyDtype.parse(dtype).itemSize();
  }

  /**
   * The values as ints, for bool/integer dtypes. Throws {@link IllegalStateException} for other
   * dtypes and {@link ArithmeticException} naming the first value that does not fit an int
   * (possible for u4, i8, u8).
   */
  public int[] toIntArray() {
    NpyDtype dt = NpyDtype.parse(dtype);
    if (!dt.isInteger()) {
      throw new IllegalStateException("toIntArray needs an integer dtype, this array is " + dtype);
    }
    ByteBuffer b = ByteBuffer.wrap(cOrderBytes()).order(dt.byteOrder());
    int[] out = new int[(int) size()];
    for (int i = 0; i < out.length; i++) {
      long v = readInteger(b, dt);
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new ArithmeticException(
            dtype
                + " value "
                + (dt.kind() == 'u' && v < 0 ? Long.toUnsignedString(v) : v)
                + " at flat index "
                + i
                + " does not fit in an int");
      }
      out[i] = (int) v;
    }
    return out;
  }

  /**
   * The values as floats, for bool/integer/float dtypes (i4, u4, i8, u8 and f8 round to the nearest
   * float). Throws {@link IllegalStateException} for complex, string and raw dtypes.
   */
  public float[] toFloatArray() {
    NpyDtype dt = NpyDtype.parse(dtype);
    if (!dt.isNumeric()) {
      throw new IllegalStateException("toFloatArray needs a numeric dtype, this array is " + dtype);
    }
    ByteBuffer b = ByteBuffer.wrap(cOrderBytes()).order(dt.byteOrder());
    float[] out = new float[(int) size()];
    for (int i = 0; i < out.length; i++) {
      if (dt.kind() == 'f') {
        out[i] =
            switch (dt.itemSize()) {
              case 2 -> halfToFloat(b.getShort());
              case 4 -> b.getFloat();
              default -> (float) b.getDouble();
            };
      } else {
        long v = readInteger(b, dt);
        // u8 above 2^63 reads as negative; convert it as unsigned.
        out[i] = dt.kind() == 'u' && v < 0 ? (float) (v >>> 1) * 2f : (float) v;
      }
    }
    return out;
  }

  /** The bytes of a {@code |u1} array in C order (a copy). */
  public byte[] uint8() {
    if (!dtype.endsWith("u1")) {
      throw new IllegalStateException("uint8() needs dtype |u1, this array is " + dtype);
    }
    return cOrderBytes();
  }

  private static long readInteger(ByteBuffer b, NpyDtype dt) {
    boolean unsigned = dt.kind() != 'i';
    switch (dt.itemSize()) {
      case 1:
        return unsigned ? b.get() & 0xff : b.get();
      case 2:
        return unsigned ? b.getShort() & 0xffff : b.getShort();
      case 4:
        return unsigned ? b.getInt() & 0xffffffffL : b.getInt();
      default:
        return b.getLong();
    }
  }

  /** IEEE 754 binary16 → float (numpy f2); Float.float16ToFloat only exists from Java 20. */
  static float halfToFloat(short h) {
    int sign = (h >> 15) & 1;
    int exp = (h >> 10) & 0x1f;
    int frac = h & 0x3ff;
    float v;
    if (exp == 0) {
      v = frac * 0x1p-24f; // subnormal
    } else if (exp == 31) {
      v = frac == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (frac << 13));
    }
    return sign == 1 ? -v : v;
  }

  /** The raw bytes rearranged into C order (a copy; unchanged order for C arrays and 0/1-D). */
  private byte[] cOrderBytes() {
    if (!fortranOrder || shape.length < 2) {
      return data.clone();
    }
    int es = elementSize();
    int nd = shape.length;
    long[] cStride = new long[nd];
    long s = 1;
    for (int k = nd - 1; k >= 0; k--) {
      cStride[k] = s;
      s *= shape[k];
    }
    byte[] out = new byte[data.length];
    int[] idx = new int[nd];
    long c = 0;
    // Walk storage (Fortran) order, first axis fastest, keeping the matching C index in step.
    for (long f = 0; f < size(); f++) {
      System.arraycopy(data, (int) (f * es), out, (int) (c * es), es);
      for (int k = 0; k < nd; k++) {
        idx[k]++;
        c += cStride[k];
        if (idx[k] < shape[k]) {
          break;
        }
        c -= (long) idx[k] * cStride[k];
        idx[k] = 0;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype + " " + Arrays.toString(shape) + (fortranOrder ? " F" : "") + "]";
  }
}
