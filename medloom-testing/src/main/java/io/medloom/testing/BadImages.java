package io.medloom.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Hostile inputs for readers, one file per variant (the dcm4che test style): each is a way real
 * folders go wrong. Good images are small gradients with noise, so they compress like real ones.
 */
public final class BadImages {
  private BadImages() {}

  /** A valid image encoded in {@code format} (png, jpg, bmp, tif). */
  public static byte[] goodImage(String format, int w, int h, long seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Random r = new Random(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = (x * 255 / w + y * 64 / h + r.nextInt(16)) & 0xff;
        img.getRaster().setSample(x, y, 0, v);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, out)) {
        throw new IllegalArgumentException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the ten bad-input variants into {@code classDir} (and one beside it, in {@code root})
   * and returns file name to the kind of damage.
   */
  public static Map<String, String> writeBadSet(Path root, Path classDir) throws IOException {
    Map<String, String> kinds = new LinkedHashMap<>();
    Files.createDirectories(classDir);
    byte[] png = goodImage("png", 64, 48, 7);
    byte[] jpg = goodImage("jpg", 64, 48, 8);

    Files.write(classDir.resolve("empty.png"), new byte[0]);
    kinds.put("empty.png", "empty file");

    Files.write(classDir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
    kinds.put("truncated.png", "truncated PNG");

    byte[] corrupt = png.clone();
    for (int i = 60; i < corrupt.length - 20; i++) {
      corrupt[i] = (byte) (i * 31);
    }
    Files.write(classDir.resolve("corrupt.png"), corrupt);
    kinds.put("corrupt.png", "corrupt PNG data");

    Files.write(classDir.resolve("truncated.jpg"), Arrays.copyOf(jpg, jpg.length * 2 / 3));
    kinds.put("truncated.jpg", "truncated JPEG");

    Files.write(classDir.resolve("zero.png"), pngHeaderOnly(0, 48));
    kinds.put("zero.png", "zero-dimension PNG");

    Files.write(classDir.resolve("bomb.png"), pngHeaderOnly(50_000, 50_000));
    kinds.put("bomb.png", "50000x50000 header");

    Files.write(classDir.resolve("really-a-jpeg.png"), jpg);
    kinds.put("really-a-jpeg.png", "wrong extension");

    Files.writeString(classDir.resolve("notes.txt"), "not an image\n");
    kinds.put("notes.txt", "non-image file");

    Files.createSymbolicLink(classDir.resolve("dangling.png"), classDir.resolve("missing.png"));
    kinds.put("dangling.png", "broken link (unreadable entry)");

    Files.write(root.resolve("stray.png"), png);
    kinds.put("stray.png", "image outside any class folder");
    return kinds;
  }

  /** A PNG with a valid IHDR of the given size and a tiny IDAT: what a bomb's header looks like. */
  public static byte[] pngHeaderOnly(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + 12 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width)
        .putInt(height)
        .put((byte) 8)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    chunk(b, "IHDR", ihdr.array());
    chunk(b, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(b, "IEND", new byte[0]);
    return Arrays.copyOf(b.array(), b.position());
  }

  private static void chunk(ByteBuffer b, String type, byte[] data) {
    b.putInt(data.length);
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    b.put(t).put(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    b.putInt((int) crc.getValue());
  }
}
