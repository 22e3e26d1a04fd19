package io.medloom.io.dicom.codec;

/**
 * DICOM RLE Lossless (PS3.5 annex G): a 64-byte header of segment offsets, then one PackBits
 * segment per byte plane, most significant byte first, component by component.
 */
public final class RleDecoder {
  private RleDecoder() {}

  /** Decodes one frame of {@code width*height} pixels with the given layout. */
  public static DecodedFrame decode(
      byte[] d, int width, int height, int components, int bitsAllocated) throws CodecException {
    int bytes = bitsAllocated / 8;
    if (bitsAllocated % 8 != 0 || bytes < 1 || bytes > 4) {
      throw new CodecException("RLE with " + bitsAllocated + " bits allocated");
    }
    if (d.length < 64) {
      throw new CodecException("RLE frame shorter than its 64-byte header");
    }
    int segments = le32(d, 0);
    if (segments != components * bytes) {
      throw new CodecException(
          "RLE header lists " + segments + " segments, the image needs " + components * bytes);
    }
    int pixels = width * height;
    int[] out = new int[pixels * components];
    byte[] plane = new byte[pixels];
    for (int s = 0; s < segments; s++) {
      int start = le32(d, 4 + 4 * s);
      int end = s + 1 < segments ? le32(d, 8 + 4 * s) : d.length;
      if (start < 64 || end > d.length || start > end) {
        throw new CodecException(
            "RLE segment " + s + " offset " + start + " lies outside the frame");
      }
      unpack(d, start, end, plane);
      int c = s / bytes;
      int shift = 8 * (bytes - 1 - s % bytes);
      for (int i = 0; i < pixels; i++) {
        out[i * components + c] |= (plane[i] & 0xff) << shift;
      }
    }
    return new DecodedFrame(width, height, components, bitsAllocated, out, false);
  }

  /** PackBits: n in 0..127 copies n+1 bytes, n in -127..-1 repeats the next byte 1-n times. */
  private static void unpack(byte[] d, int p, int end, byte[] out) throws CodecException {
    int o = 0;
    while (o < out.length && p < end) {
      int n = d[p++];
      if (n >= 0) {
        int len = Math.min(n + 1, Math.min(out.length - o, end - p));
        System.arraycopy(d, p, out, o, len);
        p += n + 1;
        o += len;
      } else if (n != -128) {
        if (p >= end) {
          break;
        }
        int len = Math.min(1 - n, out.length - o);
        java.util.Arrays.fill(out, o, o + len, d[p++]);
        o += len;
      }
    }
    if (o < out.length) {
      throw new CodecException("RLE segment ends after " + o + " of " + out.length + " bytes");
    }
    java.util.Arrays.fill(out, o, out.length, (byte) 0);
  }

  private static int le32(byte[] d, int p) {
    return (d[p] & 0xff)
        | (d[p + 1] & 0xff) << 8
        | (d[p + 2] & 0xff) << 16
        | (d[p + 3] & 0xff) << 24;
  }
}
