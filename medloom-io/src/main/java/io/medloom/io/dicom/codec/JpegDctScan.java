package io.medloom.io.dicom.codec;

/**
 * Decodes the entropy-coded data of a sequential DCT scan with Huffman coding (processes 1, 2 and 4
 * of T.81: baseline and extended, 8 and 12 bit) into each component's coefficient blocks, in
 * zig-zag order converted to natural order.
 */
final class JpegDctScan {
  /** Zig-zag index to natural (row-major) index, T.81 figure A.6. */
  static final int[] NATURAL = {
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
  };

  private JpegDctScan() {}

  static void decode(JpegFrame frame, JpegScan scan, JpegBits in) throws CodecException {
    // Ss/Se/Ah/Al of a sequential scan carry no information; some encoders write other values
    // there, and libjpeg only warns, so they are ignored here too.
    JpegFrame.Component[] cs = scan.components();
    for (JpegFrame.Component c : cs) {
      c.dcPredictor = 0;
      if (c.coefficients == null) {
        c.coefficients = new int[c.blocksX * c.blocksY * 64];
      }
    }
    int restart = scan.restartInterval();
    int todo = restart;
    if (cs.length == 1) {
      // Non-interleaved: the component's own blocks, without MCU padding (T.81 A.2.2).
      JpegFrame.Component c = cs[0];
      int bx = JpegFrame.ceil(c.width, 8);
      int by = JpegFrame.ceil(c.height, 8);
      for (int y = 0; y < by; y++) {
        for (int x = 0; x < bx; x++) {
          if (restart > 0 && todo-- == 0) {
            restartAt(in, cs);
            todo = restart - 1;
          }
          block(in, c, scan.dc()[0], scan.ac()[0], (y * c.blocksX + x) * 64);
        }
      }
      return;
    }
    for (int my = 0; my < frame.mcusY; my++) {
      for (int mx = 0; mx < frame.mcusX; mx++) {
        if (restart > 0 && todo-- == 0) {
          restartAt(in, cs);
          todo = restart - 1;
        }
        for (int i = 0; i < cs.length; i++) {
          JpegFrame.Component c = cs[i];
          for (int v = 0; v < c.v; v++) {
            for (int h = 0; h < c.h; h++) {
              int row = my * c.v + v;
              int col = mx * c.h + h;
              block(in, c, scan.dc()[i], scan.ac()[i], (row * c.blocksX + col) * 64);
            }
          }
        }
      }
    }
  }

  private static void restartAt(JpegBits in, JpegFrame.Component[] cs) {
    in.restart();
    for (JpegFrame.Component c : cs) {
      c.dcPredictor = 0;
    }
  }

  private static void block(
      JpegBits in, JpegFrame.Component c, JpegHuffman dc, JpegHuffman ac, int off)
      throws CodecException {
    int[] z = c.coefficients;
    int t = dc.decode(in);
    if (t > 16) {
      throw new CodecException("JPEG DC difference category " + t);
    }
    c.dcPredictor += in.receiveExtend(t);
    z[off] = c.dcPredictor;
    for (int k = 1; k < 64; ) {
      int rs = ac.decode(in);
      int r = rs >> 4;
      int s = rs & 15;
      if (s == 0) {
        if (r != 15) {
          break;
        }
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) {
        throw new CodecException("JPEG AC run past the end of a block");
      }
      z[off + NATURAL[k]] = in.receiveExtend(s);
      k++;
    }
  }

  /** Dequantizes and inverse-transforms every block of {@code c} into its sample plane. */
  static int[] samples(JpegFrame.Component c, int precision) {
    int stride = c.blocksX * 8;
    int[] out = new int[stride * c.blocksY * 8];
    int[] block = new int[64];
    long[] ws = new long[64];
    long[] t = new long[8];
    int[] q = c.quant;
    int[] z = c.coefficients;
    for (int by = 0; by < c.blocksY; by++) {
      for (int bx = 0; bx < c.blocksX; bx++) {
        int off = (by * c.blocksX + bx) * 64;
        for (int i = 0; i < 64; i++) {
          block[i] = z[off + i] * q[i];
        }
        JpegIdct.inverse(block, 0, precision, out, by * 8 * stride + bx * 8, stride, ws, t);
      }
    }
    return out;
  }
}
