package io.medloom.io.dicom.codec;

/**
 * Decodes a lossless scan (T.81 annex H, process 14; selection value 1 is DICOM's "SV1" syntax):
 * each sample is a prediction from its decoded neighbours plus a Huffman-coded difference, modulo
 * 2^16. Components must not be subsampled, as in every DICOM lossless JPEG seen in practice.
 */
final class JpegLosslessScan {
  private JpegLosslessScan() {}

  static void decode(JpegFrame frame, JpegScan scan, JpegBits in) throws CodecException {
    JpegFrame.Component[] cs = scan.components();
    for (JpegFrame.Component c : cs) {
      if (c.h != 1 || c.v != 1) {
        throw new CodecException("lossless JPEG with subsampled components");
      }
      if (c.samples == null) {
        c.samples = new int[c.width * c.height];
      }
    }
    int psv = scan.ss();
    int pt = scan.al();
    if (psv < 1 || psv > 7) {
      throw new CodecException("lossless JPEG predictor selection " + psv);
    }
    int width = frame.width;
    int initial = 1 << (frame.precision - pt - 1);
    int restart = scan.restartInterval();
    int todo = restart;
    boolean firstLine = true; // the first line of the scan or after a restart
    for (int y = 0; y < frame.height; y++) {
      for (int x = 0; x < width; x++) {
        boolean restarted = false;
        if (restart > 0 && todo-- == 0) {
          in.restart();
          todo = restart - 1;
          restarted = true;
          firstLine = true;
        }
        for (int i = 0; i < cs.length; i++) {
          int[] s = cs[i].samples;
          int at = y * width + x;
          int pred;
          if ((y == 0 && x == 0) || restarted) {
            pred = initial;
          } else if (firstLine) {
            pred = x == 0 ? s[at - width] : s[at - 1];
          } else if (x == 0) {
            pred = s[at - width];
          } else {
            pred = predict(psv, s[at - 1], s[at - width], s[at - width - 1]);
          }
          int t = scan.dc()[i].decode(in);
          int diff;
          if (t == 16) {
            diff = 32768;
          } else if (t > 16) {
            throw new CodecException("lossless JPEG difference category " + t);
          } else {
            diff = in.receiveExtend(t);
          }
          s[at] = (pred + diff) & 0xFFFF;
        }
      }
      firstLine = false; // a restart sets it again for the samples that follow it
    }
    if (pt > 0) {
      for (JpegFrame.Component c : cs) {
        for (int i = 0; i < c.samples.length; i++) {
          c.samples[i] <<= pt;
        }
      }
    }
  }

  private static int predict(int psv, int a, int b, int c) {
    return switch (psv) {
      case 1 -> a;
      case 2 -> b;
      case 3 -> c;
      case 4 -> a + b - c;
      case 5 -> a + ((b - c) >> 1);
      case 6 -> b + ((a - c) >> 1);
      default -> (a + b) >> 1;
    };
  }
}
