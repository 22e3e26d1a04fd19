package io.medloom.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes 8-bit gray or RGB rasters as PNG: IHDR, one IDAT, IEND.
 *
 * <p>Written here rather than through ImageIO because the image column is most of a dataset's bytes
 * and most of a build's CPU: this encoder picks each row's filter with the usual
 * minimum-sum-of-absolute-differences heuristic, deflates in one pass with a reusable {@link
 * Deflater}, and produces byte-identical output on every run (a resumed build must match an
 * uninterrupted one). Not thread-safe; use one per thread.
 */
public final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final Deflater deflater;
  private final CRC32 crc = new CRC32();
  private byte[] filtered = new byte[0];
  private byte[] deflated = new byte[0];
  private byte[] cand = new byte[0];

  /**
   * zlib level 4: on real 224x224 films it encodes in half the time of level 6 for 1% more bytes
   * (bench measurements: 1.5 vs 2.8 ms, 23.4 vs 23.2 kB), and encoding is a third of a build's CPU.
   */
  public static final int DEFAULT_LEVEL = 4;

  /**
   * @param level zlib level 1..9
   */
  public PngEncoder(int level) {
    this.deflater = new Deflater(level);
  }

  public PngEncoder() {
    this(DEFAULT_LEVEL);
  }

  public byte[] encode(Raster r) {
    int bpp = r.channels();
    int stride = r.width() * bpp;
    int rawLen = (stride + 1) * r.height();
    if (filtered.length < rawLen) {
      filtered = new byte[rawLen];
    }
    byte[] px = r.pixels();
    if (cand.length < stride * 5) {
      cand = new byte[stride * 5];
    }
    for (int y = 0; y < r.height(); y++) {
      int row = y * stride;
      boolean first = y == 0;
      long best = Long.MAX_VALUE;
      int bestFilter = 0;
      for (int f = 0; f < 5; f++) {
        long sum = filterRow(f, px, row, stride, bpp, first, cand, f * stride);
        if (sum < best) {
          best = sum;
          bestFilter = f;
        }
      }
      int out = y * (stride + 1);
      filtered[out] = (byte) bestFilter;
      System.arraycopy(cand, bestFilter * stride, filtered, out + 1, stride);
    }
    deflater.reset();
    deflater.setInput(filtered, 0, rawLen);
    deflater.finish();
    int bound = rawLen + rawLen / 1000 + 64;
    if (deflated.length < bound) {
      deflated = new byte[bound];
    }
    int n = 0;
    while (!deflater.finished()) {
      if (n == deflated.length) {
        deflated = java.util.Arrays.copyOf(deflated, deflated.length * 2);
      }
      n += deflater.deflate(deflated, n, deflated.length - n);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n + 64);
    out.writeBytes(SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(r.width()).putInt(r.height());
    ihdr.put((byte) 8).put((byte) (bpp == 1 ? 0 : 2)).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array(), 13);
    chunk(out, "IDAT", deflated, n);
    chunk(out, "IEND", new byte[0], 0);
    return out.toByteArray();
  }

  /**
   * Applies PNG filter {@code f} to one row into {@code cand[base..]} and returns the sum of the
   * absolute values of the filtered bytes read as signed. One loop per filter, with the first row
   * and the first pixel split off, so the inner loops carry no branches: the same bytes as
   * evaluating the filter definitions pixel by pixel, at a fraction of the cost.
   */
  private static long filterRow(
      int f, byte[] px, int row, int stride, int bpp, boolean first, byte[] cand, int base) {
    int prev = row - stride;
    long sum = 0;
    int head = Math.min(bpp, stride);
    switch (f) {
      case 0 -> {
        for (int i = 0; i < stride; i++) {
          byte v = px[row + i];
          cand[base + i] = v;
          sum += Math.abs(v);
        }
      }
      case 1 -> {
        for (int i = 0; i < head; i++) {
          byte v = px[row + i];
          cand[base + i] = v;
          sum += Math.abs(v);
        }
        for (int i = head; i < stride; i++) {
          byte v = (byte) (px[row + i] - px[row + i - bpp]);
          cand[base + i] = v;
          sum += Math.abs(v);
        }
      }
      case 2 -> {
        if (first) {
          return filterRow(0, px, row, stride, bpp, true, cand, base);
        }
        for (int i = 0; i < stride; i++) {
          byte v = (byte) (px[row + i] - px[prev + i]);
          cand[base + i] = v;
          sum += Math.abs(v);
        }
      }
      case 3 -> {
        for (int i = 0; i < head; i++) {
          int b = first ? 0 : px[prev + i] & 0xff;
          byte v = (byte) ((px[row + i] & 0xff) - (b >> 1));
          cand[base + i] = v;
          sum += Math.abs(v);
        }
        if (first) {
          for (int i = head; i < stride; i++) {
            byte v = (byte) ((px[row + i] & 0xff) - ((px[row + i - bpp] & 0xff) >> 1));
            cand[base + i] = v;
            sum += Math.abs(v);
          }
        } else {
          for (int i = head; i < stride; i++) {
            int a = px[row + i - bpp] & 0xff;
            int b = px[prev + i] & 0xff;
            byte v = (byte) ((px[row + i] & 0xff) - ((a + b) >> 1));
            cand[base + i] = v;
            sum += Math.abs(v);
          }
        }
      }
      default -> {
        if (first) { // Paeth with no row above predicts from the left: the Sub filter
          return filterRow(1, px, row, stride, bpp, true, cand, base);
        }
        for (int i = 0; i < head; i++) { // no pixel to the left: predicts from above
          byte v = (byte) (px[row + i] - px[prev + i]);
          cand[base + i] = v;
          sum += Math.abs(v);
        }
        for (int i = head; i < stride; i++) {
          int a = px[row + i - bpp] & 0xff;
          int b = px[prev + i] & 0xff;
          int c = px[prev + i - bpp] & 0xff;
          byte v = (byte) ((px[row + i] & 0xff) - paeth(a, b, c));
          cand[base + i] = v;
          sum += Math.abs(v);
        }
      }
    }
    return sum;
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    if (pa <= pb && pa <= pc) {
      return a;
    }
    return pb <= pc ? b : c;
  }

  private void chunk(ByteArrayOutputStream out, String type, byte[] data, int len) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(len >>> 24);
    out.write(len >>> 16);
    out.write(len >>> 8);
    out.write(len);
    out.writeBytes(t);
    out.write(data, 0, len);
    crc.reset();
    crc.update(t);
    crc.update(data, 0, len);
    long v = crc.getValue();
    out.write((int) (v >>> 24));
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
  }
}
