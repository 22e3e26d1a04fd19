package io.medloom.core.image;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import io.medloom.core.model.Box;
import java.util.Arrays;
import java.util.Optional;

/** A binary mask, one byte (0 or 1) per pixel, row-major. Immutable. */
public final class BitMask {
  private final int width;
  private final int height;
  private final byte[] bits;

  private BitMask(int width, int height, byte[] bits) {
    checkArgument(width > 0 && height > 0, "mask size must be positive: %sx%s", width, height);
    notNull(bits, "mask bits");
    checkArgument(
        bits.length == width * height,
        "mask of %sx%s needs %s values, got %s",
        width,
        height,
        width * height,
        bits.length);
    this.width = width;
    this.height = height;
    this.bits = bits;
  }

  /** Takes ownership of {@code bits}; any non-zero value counts as inside. */
  public static BitMask wrap(int width, int height, byte[] bits) {
    for (int i = 0; i < bits.length; i++) {
      if (bits[i] != 0) {
        bits[i] = 1;
      }
    }
    return new BitMask(width, height, bits);
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public boolean get(int x, int y) {
    return bits[y * width + x] != 0;
  }

  /** A copy of the values (0 or 1), row-major. */
  public byte[] toBytes() {
    return bits.clone();
  }

  public int count() {
    int n = 0;
    for (byte b : bits) {
      n += b;
    }
    return n;
  }

  /** The tight bounding box of the set pixels, or empty when none is set. */
  public Optional<Box> bounds() {
    int x0 = width;
    int y0 = height;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < height; y++) {
      int row = y * width;
      for (int x = 0; x < width; x++) {
        if (bits[row + x] != 0) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          y1 = y;
        }
      }
    }
    return x1 < 0 ? Optional.empty() : Optional.of(new Box(x0, y0, x1 + 1, y1 + 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitMask m
        && m.width == width
        && m.height == height
        && Arrays.equals(m.bits, bits);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "BitMask[" + width + "x" + height + ", " + count() + " set]";
  }
}
