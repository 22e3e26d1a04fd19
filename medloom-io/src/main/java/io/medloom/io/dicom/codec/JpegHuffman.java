package io.medloom.io.dicom.codec;

/**
 * A Huffman table from a DHT segment (T.81 C and F.2.2.3), decoded with a 9-bit lookup for short
 * codes and the MAXCODE/VALPTR walk for longer ones.
 */
final class JpegHuffman {
  private static final int LOOKUP_BITS = 9;
  private final int[] maxCode = new int[18];
  private final int[] valPtr = new int[17];
  private final int[] minCode = new int[17];
  private final int[] values;

  /** (length << 8 | value) for codes up to LOOKUP_BITS long, 0 when longer. */
  private final int[] lookup = new int[1 << LOOKUP_BITS];

  JpegHuffman(int[] counts, int[] values) throws CodecException {
    this.values = values;
    int code = 0;
    int k = 0;
    for (int len = 1; len <= 16; len++) {
      valPtr[len] = k;
      minCode[len] = code;
      int n = counts[len - 1];
      for (int i = 0; i < n; i++) {
        if (len <= LOOKUP_BITS) {
          int shift = LOOKUP_BITS - len;
          for (int j = 0; j < 1 << shift; j++) {
            lookup[(code << shift) | j] = len << 8 | values[k];
          }
        }
        code++;
        k++;
      }
      maxCode[len] = n == 0 ? -1 : code - 1;
      if (code > 1 << len) {
        throw new CodecException("JPEG Huffman table has more codes than fit in " + len + " bits");
      }
      code <<= 1;
    }
    maxCode[17] = Integer.MAX_VALUE;
  }

  int decode(JpegBits in) throws CodecException {
    int peek = in.peek16();
    int hit = lookup[peek >>> (16 - LOOKUP_BITS)];
    if (hit != 0) {
      in.skip(hit >>> 8);
      return hit & 0xff;
    }
    for (int len = LOOKUP_BITS + 1; len <= 16; len++) {
      int code = peek >>> (16 - len);
      if (code <= maxCode[len] && maxCode[len] >= 0) {
        in.skip(len);
        return values[valPtr[len] + code - minCode[len]];
      }
    }
    throw new CodecException("JPEG data holds a code that is not in its Huffman table");
  }
}
