package io.medloom.io.dicom;

import io.medloom.io.dicom.codec.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Uncompressed Pixel Data into per-frame values: 1, 8, 16 or 32 bits allocated, either byte order,
 * colour by pixel or by plane, YBR_FULL_422 (two luma samples share one chroma pair) expanded to
 * three samples per pixel.
 */
final class NativePixels {
  private NativePixels() {}

  static List<int[]> frames(byte[] px, PixelModule m, boolean bigEndian) throws CodecException {
    int pixels = m.rows() * m.columns();
    boolean ybr422 = m.photometric().equals("YBR_FULL_422") && m.samplesPerPixel() == 3;
    int storedPerFrame = ybr422 ? pixels * 2 : pixels * m.samplesPerPixel();
    long bitsNeeded = (long) storedPerFrame * m.bitsAllocated() * m.frames();
    if (px.length * 8L < bitsNeeded) {
      throw new CodecException(
          "pixel data has " + px.length + " bytes, the header needs " + (bitsNeeded + 7) / 8);
    }
    ByteBuffer buf =
        ByteBuffer.wrap(px).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    List<int[]> out = new ArrayList<>(m.frames());
    for (int f = 0; f < m.frames(); f++) {
      int[] raw = new int[storedPerFrame];
      long first = (long) f * storedPerFrame;
      for (int i = 0; i < storedPerFrame; i++) {
        long at = first + i;
        raw[i] =
            switch (m.bitsAllocated()) {
              case 1 -> (px[(int) (at >>> 3)] >> (int) (at & 7)) & 1;
              case 8 -> px[(int) at] & 0xff;
              case 16 -> buf.getShort((int) (at * 2)) & 0xffff;
              case 32 -> buf.getInt((int) (at * 4));
              default -> throw new CodecException(m.bitsAllocated() + " bits allocated");
            };
      }
      if (ybr422) {
        raw = expand422(raw, pixels);
      } else if (m.samplesPerPixel() == 3 && m.planarConfiguration() == 1) {
        raw = interleave(raw, pixels);
      }
      out.add(raw);
    }
    return out;
  }

  private static int[] expand422(int[] raw, int pixels) {
    int[] v = new int[pixels * 3];
    for (int p = 0; p + 1 < pixels + 1 && p < pixels; p += 2) {
      int q = p * 2;
      int cb = raw[q + 2];
      int cr = raw[q + 3];
      v[3 * p] = raw[q];
      v[3 * p + 1] = cb;
      v[3 * p + 2] = cr;
      if (p + 1 < pixels) {
        v[3 * p + 3] = raw[q + 1];
        v[3 * p + 4] = cb;
        v[3 * p + 5] = cr;
      }
    }
    return v;
  }

  private static int[] interleave(int[] planes, int pixels) {
    int[] v = new int[planes.length];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < pixels; i++) {
        v[3 * i + c] = planes[c * pixels + i];
      }
    }
    return v;
  }
}
