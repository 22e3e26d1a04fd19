package io.medloom.io.nifti;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The NIfTI {@code datatype} codes this reader understands. Each knows its byte size and how to
 * turn one stored element into a {@code double}; the caller converts to {@code float} after
 * scaling.
 */
enum NiftiDataType {
  UINT8(2, 1, true, 1),
  INT16(4, 2, true, 1),
  INT32(8, 4, true, 1),
  FLOAT32(16, 4, false, 1),
  FLOAT64(64, 8, false, 1),
  RGB24(128, 1, true, 3),
  INT8(256, 1, true, 1),
  UINT16(512, 2, true, 1),
  UINT32(768, 4, true, 1),
  INT64(1024, 8, true, 1);

  final int code;

  /** Bytes per stored component (RGB24 stores 3 one-byte components per voxel). */
  final int componentBytes;

  final boolean integer;
  final int channels;

  NiftiDataType(int code, int componentBytes, boolean integer, int channels) {
    this.code = code;
    this.componentBytes = componentBytes;
    this.integer = integer;
    this.channels = channels;
  }

  static NiftiDataType of(int code) throws IOException {
    for (NiftiDataType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IOException(
        "unsupported NIfTI datatype code "
            + code
            + " ("
            + knownName(code)
            + "); supported: 2 uint8, 4 int16, 8 int32, 16 float32, 64 float64, 128 RGB24,"
            + " 256 int8, 512 uint16, 768 uint32, 1024 int64");
  }

  /** Names of the standard codes we refuse, so the message says what the file actually holds. */
  private static String knownName(int code) {
    switch (code) {
      case 0:
        return "DT_UNKNOWN";
      case 1:
        return "binary";
      case 32:
        return "complex64";
      case 1280:
        return "uint64";
      case 1536:
        return "float128";
      case 1792:
        return "complex128";
      case 2048:
        return "complex256";
      case 2304:
        return "RGBA32";
      default:
        return "not a NIfTI datatype";
    }
  }

  /** Reads one component at the buffer's position (the buffer's byte order is the file's). */
  double read(ByteBuffer b) {
    switch (this) {
      case UINT8:
      case RGB24:
        return b.get() & 0xff;
      case INT8:
        return b.get();
      case INT16:
        return b.getShort();
      case UINT16:
        return b.getShort() & 0xffff;
      case INT32:
        return b.getInt();
      case UINT32:
        return b.getInt() & 0xffffffffL;
      case INT64:
        return b.getLong();
      case FLOAT32:
        return b.getFloat();
      case FLOAT64:
        return b.getDouble();
      default:
        throw new AssertionError(this);
    }
  }
}
