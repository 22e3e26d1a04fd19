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
    byte[] cand = new byte[stride * 5];
    for (int y = 0; y < r.height(); y++) {
      int row = y * stride;
      int prev = row - stride;
      long best = Long.MAX_VALUE;
      int bestFilter = 0;
      for (int f = 0; f < 5; f++) {
        long sum = 0;
        int base = f * stride;
        for (int i = 0; i < stride; i++) {
          int x = px[row + i] & 0xff;
          int a = i >= bpp ? px[row + i - bpp] & 0xff : 0;
          int b = y > 0 ? px[prev + i] & 0xff : 0;
          int c = (i >= bpp && y > 0) ? px[prev + i - bpp] & 0xff : 0;
          int v =
              switch (f) {
                case 0 -> x;
                case 1 -> x - a;
                case 2 -> x - b;
                case 3 -> x - ((a + b) >> 1);
                default -> x - paeth(a, b, c);
              };
          cand[base + i] = (byte) v;
          int s = (byte) v;
          sum += s < 0 ? -s : s;
        }
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
