package io.medloom.io.image;

import io.medloom.core.source.ReadBudget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The first image directory (IFD) of a TIFF, checked before ImageIO's TIFF readers see it: they
 * allocate arrays from each tag's declared count while reading the header, so a 200-byte file whose
 * tag claims a billion values ends in an OutOfMemoryError, and they read each compressed strip into
 * an array of its declared byte count (both found by bench/fuzz). Here every tag's values must lie
 * inside the file, no strip or tile may claim more bytes than the file has, and the image and tile
 * sizes go through the read budget.
 */
final class TiffCheck {
  private static final int WIDTH = 256;
  private static final int HEIGHT = 257;
  private static final int BITS = 258;
  private static final int SAMPLES = 277;
  private static final int TILE_WIDTH = 322;
  private static final int TILE_LENGTH = 323;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int TILE_BYTE_COUNTS = 325;

  private TiffCheck() {}

  /** Bytes per value of TIFF field type {@code type} (0 for types no reader knows). */
  private static int typeSize(int type) {
    return switch (type) {
      case 1, 2, 6, 7 -> 1;
      case 3, 8 -> 2;
      case 4, 9, 11, 13 -> 4;
      case 5, 10, 12, 16, 17, 18 -> 8;
      default -> 0;
    };
  }

  /**
   * The header of a classic TIFF's first image, or empty for a layout left to ImageIO (BigTIFF);
   * throws when a tag points outside the file or a size is over the budget.
   */
  static Optional<ImageHeader> check(byte[] b, ReadBudget budget) throws IOException {
    if (b.length < 8) {
      throw new IOException("truncated TIFF: " + b.length + " bytes");
    }
    ByteOrder order = b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    ByteBuffer buf = ByteBuffer.wrap(b).order(order);
    if ((buf.getShort(2) & 0xffff) != 42) {
      return Optional.empty(); // BigTIFF (43): no ImageIO reader here takes it
    }
    long ifd = buf.getInt(4) & 0xffffffffL;
    if (ifd < 8 || ifd + 2 > b.length) {
      throw new IOException(
          "damaged TIFF: first directory at " + ifd + " of a " + b.length + "-byte file");
    }
    int entries = buf.getShort((int) ifd) & 0xffff;
    if (ifd + 2 + 12L * entries > b.length) {
      throw new IOException(
          "damaged TIFF: directory of " + entries + " entries runs past the end of the file");
    }
    long width = 0;
    long height = 0;
    long bits = 1;
    long samples = 1;
    long tileWidth = 0;
    long tileLength = 0;
    for (int i = 0; i < entries; i++) {
      int at = (int) ifd + 2 + 12 * i;
      int tag = buf.getShort(at) & 0xffff;
      int type = buf.getShort(at + 2) & 0xffff;
      long count = buf.getInt(at + 4) & 0xffffffffL;
      long bytes = count * typeSize(type);
      if (bytes > 4) {
        long offset = buf.getInt(at + 8) & 0xffffffffL;
        if (offset + bytes > b.length) {
          throw new IOException(
              "damaged TIFF: tag "
                  + tag
                  + " declares "
                  + count
                  + " values ("
                  + bytes
                  + " bytes) at offset "
                  + offset
                  + ", beyond the end of the "
                  + b.length
                  + "-byte file");
        }
      }
      long first = count == 0 ? 0 : firstValue(buf, at, type, bytes);
      if (tag == STRIP_BYTE_COUNTS || tag == TILE_BYTE_COUNTS) {
        checkByteCounts(buf, at, type, count, bytes, b.length);
      }
      switch (tag) {
        case WIDTH -> width = first;
        case HEIGHT -> height = first;
        case BITS -> bits = first;
        case SAMPLES -> samples = first;
        case TILE_WIDTH -> tileWidth = first;
        case TILE_LENGTH -> tileLength = first;
        default -> {}
      }
    }
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new IOException("zero-dimension or oversized image: " + width + "x" + height);
    }
    budget.checkPixels(width, height, "TIFF image");
    if (tileWidth > 0 || tileLength > 0) {
      budget.checkPixels(Math.max(1, tileWidth), Math.max(1, tileLength), "TIFF tile");
    }
    if (samples < 1 || samples > 16 || bits < 1 || bits > 64) {
      throw new IOException(
          "unsupported TIFF layout: " + samples + " samples of " + bits + " bits per pixel");
    }
    return Optional.of(new ImageHeader((int) width, (int) height, (int) samples, (int) bits));
  }

  /** Each strip's (or tile's) compressed size must fit in the file: readers allocate it. */
  private static void checkByteCounts(
      ByteBuffer buf, int at, int type, long count, long bytes, int length) throws IOException {
    if (type != 3 && type != 4 && type != 16) {
      return; // not an integer list: the readers refuse it themselves
    }
    int size = typeSize(type);
    int p = bytes > 4 ? buf.getInt(at + 8) : at + 8;
    for (long i = 0; i < count; i++) {
      int q = (int) (p + i * size);
      long v =
          switch (type) {
            case 3 -> buf.getShort(q) & 0xffff;
            case 4 -> buf.getInt(q) & 0xffffffffL;
            default -> buf.getLong(q);
          };
      if (v < 0 || v > length) {
        throw new IOException(
            "damaged TIFF: strip or tile "
                + i
                + " claims "
                + v
                + " bytes in a "
                + length
                + "-byte file");
      }
    }
  }

  /** The first value of an entry (inline when it fits 4 bytes, else at its offset). */
  private static long firstValue(ByteBuffer buf, int at, int type, long bytes) {
    int p = bytes > 4 ? buf.getInt(at + 8) : at + 8;
    return switch (type) {
      case 1, 7 -> buf.get(p) & 0xff;
      case 3 -> buf.getShort(p) & 0xffff;
      case 4, 13 -> buf.getInt(p) & 0xffffffffL;
      default -> 0;
    };
  }
}
