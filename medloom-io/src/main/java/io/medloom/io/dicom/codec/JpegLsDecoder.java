package io.medloom.io.dicom.codec;

/**
 * A JPEG-LS decoder (ITU-T T.87, DICOM transfer syntaxes .80 lossless and .81 near-lossless): 2 to
 * 16 bit, one or more components, interleave modes none (one scan per component) and line.
 * Sample-interleaved colour and mapping tables are refused by name.
 */
public final class JpegLsDecoder {
  private JpegLsDecoder() {}

  /**
   * Decodes one JPEG-LS stream; a frame header that disagrees with the container's {@code width}
   * and {@code height} is refused before any line is allocated.
   */
  public static DecodedFrame decode(byte[] d, int expectedWidth, int expectedHeight)
      throws CodecException {
    if (d.length < 4 || (d[0] & 0xff) != 0xFF || (d[1] & 0xff) != 0xD8) {
      throw new CodecException("JPEG-LS data does not start with an SOI marker");
    }
    int precision = 0;
    int width = 0;
    int height = 0;
    int[] ids = null;
    int maxval = 0;
    int[] thresholds = new int[3];
    int reset = 64;
    int[][][] planes = null; // [component][line][1 + x + 1]
    int p = 2;
    while (p + 4 <= d.length) {
      if ((d[p] & 0xff) != 0xFF) {
        p++;
        continue;
      }
      int m = d[p + 1] & 0xff;
      if (m == 0xFF) {
        p++;
        continue;
      }
      if (m == 0xD9) {
        break;
      }
      int len = (d[p + 2] & 0xff) << 8 | (d[p + 3] & 0xff);
      int s = p + 4;
      int e = p + 2 + len;
      if (len < 2 || e > d.length) {
        throw new CodecException(
            "JPEG-LS segment 0xFF" + Integer.toHexString(m) + " runs past the end");
      }
      if (m == 0xF7) {
        precision = d[s] & 0xff;
        height = u16(d, s + 1);
        width = u16(d, s + 3);
        int n = d[s + 5] & 0xff;
        if (precision < 2 || precision > 16 || width == 0 || height == 0 || n == 0) {
          throw new CodecException(
              "JPEG-LS frame of "
                  + width
                  + "x"
                  + height
                  + ", "
                  + n
                  + " components, "
                  + precision
                  + " bit");
        }
        if (width != expectedWidth || height != expectedHeight) {
          throw new CodecException(
              "JPEG-LS frame is "
                  + width
                  + "x"
                  + height
                  + ", the DICOM header says "
                  + expectedWidth
                  + "x"
                  + expectedHeight);
        }
        ids = new int[n];
        for (int i = 0; i < n; i++) {
          ids[i] = d[s + 6 + 3 * i] & 0xff;
          if ((d[s + 7 + 3 * i] & 0xff) != 0x11) {
            throw new CodecException("subsampled JPEG-LS components are not supported");
          }
        }
        planes = new int[n][height][width + 2];
      } else if (m == 0xF8) {
        int id = d[s] & 0xff;
        if (id != 1) {
          throw new CodecException("JPEG-LS mapping tables (LSE id " + id + ") are not supported");
        }
        maxval = u16(d, s + 1);
        thresholds = new int[] {u16(d, s + 3), u16(d, s + 5), u16(d, s + 7)};
        int r = u16(d, s + 9);
        reset = r == 0 ? 64 : r;
      } else if (m == 0xDA) {
        if (planes == null) {
          throw new CodecException("JPEG-LS scan before the frame header");
        }
        p = scan(d, s, e, precision, width, height, ids, planes, maxval, thresholds, reset);
        continue;
      } else if ((m & 0xF0) == 0xC0 && m != 0xC4 && m != 0xCC) {
        throw new CodecException("not a JPEG-LS stream: frame marker SOF" + (m & 15));
      }
      p = e;
    }
    if (planes == null) {
      throw new CodecException("JPEG-LS data has no frame header");
    }
    int n = planes.length;
    int[] out = new int[width * height * n];
    for (int c = 0; c < n; c++) {
      for (int y = 0; y < height; y++) {
        int[] line = planes[c][y];
        for (int x = 0; x < width; x++) {
          out[(y * width + x) * n + c] = line[x + 1];
        }
      }
    }
    return new DecodedFrame(width, height, n, precision, out, false);
  }

  private static int scan(
      byte[] d,
      int s,
      int e,
      int precision,
      int width,
      int height,
      int[] ids,
      int[][][] planes,
      int maxvalParam,
      int[] thresholds,
      int reset)
      throws CodecException {
    int ns = d[s] & 0xff;
    int[] comps = new int[ns];
    for (int i = 0; i < ns; i++) {
      comps[i] = index(ids, d[s + 1 + 2 * i] & 0xff);
      if ((d[s + 2 + 2 * i] & 0xff) != 0) {
        throw new CodecException("JPEG-LS mapping tables are not supported");
      }
    }
    int q = s + 1 + 2 * ns;
    int near = d[q] & 0xff;
    int ilv = d[q + 1] & 0xff;
    int pt = d[q + 2] & 15;
    if (pt != 0) {
      throw new CodecException("JPEG-LS point transform " + pt + " is not supported");
    }
    int maxval = maxvalParam != 0 ? maxvalParam : (1 << precision) - 1;
    JlsContexts ctx = new JlsContexts(precision, maxval, near, thresholds, reset);
    JlsBits in = new JlsBits(d, e);
    JlsScan lines = new JlsScan(ctx, in, width);
    int[] runIndex = new int[ns];
    int[][] zero = new int[ns][width + 2];
    if (ilv == 2 && ns > 1) {
      int run = 0;
      for (int y = 0; y < height; y++) {
        int[][] prev = new int[ns][];
        int[][] cur = new int[ns][];
        for (int i = 0; i < ns; i++) {
          prev[i] = y == 0 ? zero[i] : planes[comps[i]][y - 1];
          cur[i] = planes[comps[i]][y];
        }
        run = lines.pixelLine(prev, cur, run);
      }
      return in.endPosition();
    }
    for (int y = 0; y < height; y++) {
      for (int i = 0; i < ns; i++) {
        int[][] plane = planes[comps[i]];
        int[] prev = y == 0 ? zero[i] : plane[y - 1];
        runIndex[i] = lines.line(prev, plane[y], runIndex[i]);
      }
    }
    return in.endPosition();
  }

  private static int index(int[] ids, int id) throws CodecException {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    throw new CodecException("JPEG-LS scan names component " + id + ", which the frame lacks");
  }

  private static int u16(byte[] d, int p) {
    return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
  }
}
