package io.medloom.io.dicom.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A JPEG decoder for the processes DICOM uses (ITU-T T.81): baseline and extended sequential DCT
 * with Huffman coding, 8 and 12 bit (transfer syntaxes .50 and .51), and lossless (process 14, .57
 * and .70), up to 16 bit. Progressive, hierarchical and arithmetic-coded streams are refused by
 * name. Colour is returned as stored unless {@code toRgb} asks for YCbCr to be converted.
 */
public final class JpegDecoder {
  private JpegDecoder() {}

  /**
   * Decodes one JPEG stream. {@code width} and {@code height} are what the container declares; a
   * frame header that says otherwise is refused before any plane is allocated, so a few bytes
   * cannot claim gigabytes.
   */
  public static DecodedFrame decode(byte[] d, boolean toRgb, int width, int height)
      throws CodecException {
    if (d.length < 4 || (d[0] & 0xff) != 0xFF || (d[1] & 0xff) != 0xD8) {
      throw new CodecException("JPEG data does not start with an SOI marker");
    }
    int[][] quant = new int[4][];
    JpegHuffman[] dcTables = new JpegHuffman[4];
    JpegHuffman[] acTables = new JpegHuffman[4];
    JpegFrame frame = null;
    int restart = 0;
    int p = 2;
    List<JpegScan> scans = new ArrayList<>();
    while (p + 4 <= d.length) {
      if ((d[p] & 0xff) != 0xFF) {
        p++;
        continue; // libjpeg also skips garbage between segments
      }
      int m = d[p + 1] & 0xff;
      if (m == 0xFF) {
        p++;
        continue;
      }
      if (m == 0xD9) {
        break;
      }
      if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
        p += 2;
        continue;
      }
      int len = (d[p + 2] & 0xff) << 8 | (d[p + 3] & 0xff);
      int s = p + 4;
      int e = p + 2 + len;
      if (len < 2 || e > d.length) {
        throw new CodecException(
            "JPEG segment 0xFF" + Integer.toHexString(m) + " runs past the end");
      }
      switch (m) {
        case 0xC0, 0xC1, 0xC3 -> {
          frame = new JpegFrame(m & 15, d, s, len - 2);
          if (frame.width != width || frame.height != height) {
            throw new CodecException(
                "JPEG frame is "
                    + frame.width
                    + "x"
                    + frame.height
                    + ", the DICOM header says "
                    + width
                    + "x"
                    + height);
          }
        }
        case 0xC2, 0xC5, 0xC6, 0xC7 ->
            throw new CodecException(
                "JPEG process SOF" + (m & 15) + " (progressive or hierarchical) is not supported");
        case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
            throw new CodecException(
                "arithmetic-coded JPEG (SOF" + (m & 15) + ") is not supported");
        case 0xDB -> readQuant(d, s, e, quant);
        case 0xC4 -> readHuffman(d, s, e, dcTables, acTables);
        case 0xDD -> restart = (d[s] & 0xff) << 8 | (d[s + 1] & 0xff);
        case 0xDA -> {
          if (frame == null) {
            throw new CodecException("JPEG scan before any frame header");
          }
          JpegScan scan = readScan(frame, d, s, dcTables, acTables, restart, quant);
          scans.add(scan);
          JpegBits bits = new JpegBits(d, e, d.length);
          if (frame.process == 3) {
            JpegLosslessScan.decode(frame, scan, bits);
          } else {
            JpegDctScan.decode(frame, scan, bits);
          }
          p = bits.position();
          continue;
        }
        default -> {
          // APPn, COM and others carry nothing the decode needs.
        }
      }
      p = e;
    }
    if (frame == null || scans.isEmpty()) {
      throw new CodecException("JPEG data has no frame or no scan");
    }
    return assemble(frame, toRgb);
  }

  private static DecodedFrame assemble(JpegFrame f, boolean toRgb) throws CodecException {
    int n = f.components.length;
    int[][] planes = new int[n][];
    for (int i = 0; i < n; i++) {
      JpegFrame.Component c = f.components[i];
      if (f.process == 3) {
        if (c.samples == null) {
          throw new CodecException("JPEG component " + c.id + " is in no scan");
        }
        planes[i] = c.samples;
      } else {
        if (c.coefficients == null) {
          throw new CodecException("JPEG component " + c.id + " is in no scan");
        }
        int[] plane = JpegDctScan.samples(c, f.precision);
        planes[i] = JpegColour.upsample(f, c, plane, c.blocksX * 8);
      }
    }
    int pixels = f.width * f.height;
    int[] out = new int[pixels * n];
    boolean rgb = toRgb && n == 3 && f.process != 3;
    if (rgb) {
      JpegColour.yccToRgb(planes[0], planes[1], planes[2], f.precision, out);
    } else {
      for (int i = 0; i < n; i++) {
        int[] pl = planes[i];
        for (int k = 0; k < pixels; k++) {
          out[k * n + i] = pl[k];
        }
      }
    }
    return new DecodedFrame(f.width, f.height, n, f.precision, out, rgb);
  }

  private static void readQuant(byte[] d, int p, int e, int[][] quant) throws CodecException {
    while (p < e) {
      int pq = (d[p] & 0xff) >> 4;
      int tq = d[p] & 3;
      p++;
      int[] q = new int[64];
      for (int k = 0; k < 64; k++) {
        q[JpegDctScan.NATURAL[k]] =
            pq == 0 ? d[p + k] & 0xff : (d[p + 2 * k] & 0xff) << 8 | (d[p + 2 * k + 1] & 0xff);
      }
      p += pq == 0 ? 64 : 128;
      if (p > e) {
        throw new CodecException("JPEG quantization table runs past its segment");
      }
      quant[tq] = q;
    }
  }

  private static void readHuffman(byte[] d, int p, int e, JpegHuffman[] dc, JpegHuffman[] ac)
      throws CodecException {
    while (p + 17 <= e) {
      int tc = (d[p] & 0xff) >> 4;
      int th = d[p] & 3;
      int[] counts = new int[16];
      int total = 0;
      for (int i = 0; i < 16; i++) {
        counts[i] = d[p + 1 + i] & 0xff;
        total += counts[i];
      }
      p += 17;
      if (p + total > e) {
        throw new CodecException("JPEG Huffman table runs past its segment");
      }
      int[] values = new int[total];
      for (int i = 0; i < total; i++) {
        values[i] = d[p + i] & 0xff;
      }
      p += total;
      (tc == 0 ? dc : ac)[th] = new JpegHuffman(counts, values);
    }
  }

  private static JpegScan readScan(
      JpegFrame f,
      byte[] d,
      int p,
      JpegHuffman[] dcTables,
      JpegHuffman[] acTables,
      int restart,
      int[][] quant)
      throws CodecException {
    int ns = d[p] & 0xff;
    JpegFrame.Component[] cs = new JpegFrame.Component[ns];
    JpegHuffman[] dc = new JpegHuffman[ns];
    JpegHuffman[] ac = new JpegHuffman[ns];
    for (int i = 0; i < ns; i++) {
      cs[i] = f.component(d[p + 1 + 2 * i] & 0xff);
      int t = d[p + 2 + 2 * i] & 0xff;
      dc[i] = dcTables[t >> 4 & 3];
      ac[i] = acTables[t & 3];
      if (dc[i] == null || (f.process != 3 && ac[i] == null)) {
        throw new CodecException("JPEG scan uses a Huffman table that was never defined");
      }
      if (f.process != 3 && cs[i].quant == null) {
        if (quant[cs[i].tq] == null) {
          throw new CodecException("JPEG component uses an undefined quantization table");
        }
        cs[i].quant = quant[cs[i].tq];
      }
    }
    int q = p + 1 + 2 * ns;
    int ss = d[q] & 0xff;
    int se = d[q + 1] & 0xff;
    int ah = (d[q + 2] & 0xff) >> 4;
    int al = d[q + 2] & 15;
    return new JpegScan(cs, dc, ac, ss, se, ah, al, restart);
  }
}
