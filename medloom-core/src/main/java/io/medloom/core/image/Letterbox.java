package io.medloom.core.image;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.model.Box;

/**
 * Fits an image into a {@code size x size} square keeping its aspect ratio: the image is scaled so
 * its longer side equals {@code size}, centred, and the rest is padded with black (0). Masks go
 * through the same geometry with nearest-neighbour sampling, so a region stays on its pixels.
 *
 * <p>Padding rather than cropping keeps every pixel of the original (a lesion at the film's edge
 * must not vanish) and black is what air and collimation look like on a radiograph.
 */
public record Letterbox(
    int sourceWidth,
    int sourceHeight,
    int size,
    int scaledWidth,
    int scaledHeight,
    int offsetX,
    int offsetY) {

  public static Letterbox fit(int sourceWidth, int sourceHeight, int size) {
    checkArgument(size > 0, "size must be positive: %s", size);
    checkArgument(
        sourceWidth > 0 && sourceHeight > 0,
        "image size must be positive: %sx%s",
        sourceWidth,
        sourceHeight);
    double scale = size / (double) Math.max(sourceWidth, sourceHeight);
    int w = Math.max(1, Math.min(size, (int) Math.round(sourceWidth * scale)));
    int h = Math.max(1, Math.min(size, (int) Math.round(sourceHeight * scale)));
    return new Letterbox(sourceWidth, sourceHeight, size, w, h, (size - w) / 2, (size - h) / 2);
  }

  public Raster apply(Raster src) {
    checkSource(src.width(), src.height());
    Raster scaled = Resampler.resize(src, scaledWidth, scaledHeight);
    if (scaledWidth == size && scaledHeight == size) {
      return scaled;
    }
    int ch = src.channels();
    byte[] out = new byte[size * size * ch];
    for (int y = 0; y < scaledHeight; y++) {
      System.arraycopy(
          scaled.pixels(),
          y * scaledWidth * ch,
          out,
          ((y + offsetY) * size + offsetX) * ch,
          scaledWidth * ch);
    }
    return new Raster(size, size, ch, out);
  }

  /** Nearest-neighbour: each output pixel takes the mask value at its centre's source pixel. */
  public BitMask apply(BitMask mask) {
    checkSource(mask.width(), mask.height());
    byte[] out = new byte[size * size];
    int[] srcX = new int[scaledWidth];
    for (int x = 0; x < scaledWidth; x++) {
      srcX[x] = Math.min(sourceWidth - 1, (int) ((x + 0.5) * sourceWidth / scaledWidth));
    }
    for (int y = 0; y < scaledHeight; y++) {
      int sy = Math.min(sourceHeight - 1, (int) ((y + 0.5) * sourceHeight / scaledHeight));
      int row = (y + offsetY) * size + offsetX;
      for (int x = 0; x < scaledWidth; x++) {
        out[row + x] = (byte) (mask.get(srcX[x], sy) ? 1 : 0);
      }
    }
    return BitMask.wrap(size, size, out);
  }

  /** Maps a box (used for regions without a mask), rounding outwards and clamping to the image. */
  public Box apply(Box box) {
    double sx = scaledWidth / (double) sourceWidth;
    double sy = scaledHeight / (double) sourceHeight;
    int x0 = (int) Math.floor(box.x0() * sx) + offsetX;
    int y0 = (int) Math.floor(box.y0() * sy) + offsetY;
    int x1 = Math.min(size, Math.max(x0 + 1, (int) Math.ceil(box.x1() * sx) + offsetX));
    int y1 = Math.min(size, Math.max(y0 + 1, (int) Math.ceil(box.y1() * sy) + offsetY));
    return new Box(Math.min(x0, size - 1), Math.min(y0, size - 1), x1, y1);
  }

  private void checkSource(int w, int h) {
    checkArgument(
        w == sourceWidth && h == sourceHeight,
        "letterbox made for %sx%s applied to %sx%s",
        sourceWidth,
        sourceHeight,
        w,
        h);
  }
}
