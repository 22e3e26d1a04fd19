package io.medloom.io.dicom;

import io.medloom.io.dicom.codec.CodecException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * PALETTE COLOR (PS3.3 C.7.6.3.1.5): each stored index looks up red, green and blue in the three
 * palette LUTs; the result is 8-bit RGB (16-bit LUT entries keep their high byte).
 */
final class PaletteColour {
  private PaletteColour() {}

  static StoredImage expand(DicomDataset ds, PixelModule m, List<int[]> frames)
      throws CodecException {
    int[][] luts = new int[3][];
    int[] first = new int[3];
    int bits = 8;
    for (int c = 0; c < 3; c++) {
      byte[] desc = ds.raw(0x0028, 0x1101 + c);
      byte[] data = ds.raw(0x0028, 0x1201 + c);
      if (desc == null || desc.length < 6 || data == null) {
        throw new CodecException("PALETTE COLOR image without its palette lookup tables");
      }
      ByteBuffer d =
          ByteBuffer.wrap(desc)
              .order(ds.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      int entries = d.getShort(0) & 0xffff;
      entries = entries == 0 ? 65536 : entries;
      first[c] = m.signed() ? d.getShort(2) : d.getShort(2) & 0xffff;
      bits = d.getShort(4) & 0xffff;
      ByteBuffer v =
          ByteBuffer.wrap(data)
              .order(ds.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      int[] lut = new int[entries];
      boolean packed8 = bits == 8 && data.length == entries;
      if (!packed8 && data.length < entries * 2) {
        throw new CodecException("palette lookup table shorter than its descriptor says");
      }
      for (int i = 0; i < entries; i++) {
        int e = packed8 ? data[i] & 0xff : v.getShort(2 * i) & 0xffff;
        lut[i] = bits > 8 ? e >> 8 : e & 0xff;
      }
      luts[c] = lut;
    }
    List<int[]> out = new ArrayList<>(frames.size());
    for (int[] f : frames) {
      int[] rgb = new int[f.length * 3];
      for (int i = 0; i < f.length; i++) {
        for (int c = 0; c < 3; c++) {
          int k = Math.min(Math.max(f[i] - first[c], 0), luts[c].length - 1);
          rgb[3 * i + c] = luts[c][k];
        }
      }
      out.add(rgb);
    }
    return new StoredImage(m.columns(), m.rows(), 3, "RGB", 8, false, out);
  }
}
