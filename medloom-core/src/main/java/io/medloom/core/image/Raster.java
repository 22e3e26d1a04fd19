package io.medloom.core.image;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

/**
 * An 8-bit image: {@code channels} interleaved bytes per pixel, rows top to bottom.
 *
 * <p>The pixel array is owned by the raster: callers hand it over at construction and must not
 * change it afterwards. (Copying every image on every stage would double the memory traffic of a
 * build for no gain; the pipeline never mutates a raster it did not create.)
 *
 * @param channels 1 (gray) or 3 (RGB)
 */
public record Raster(int width, int height, int channels, byte[] pixels) {
  /** Channel difference above which a pixel counts as coloured (see {@link #isNearlyGray()}). */
  public static final int GRAY_TOLERANCE = 12;

  public Raster {
    checkArgument(width > 0 && height > 0, "raster size must be positive: %sx%s", width, height);
    checkArgument(channels == 1 || channels == 3, "raster channels must be 1 or 3: %s", channels);
    notNull(pixels, "raster pixels");
    checkArgument(
        pixels.length == (long) width * height * channels,
        "raster of %sx%sx%s needs %s bytes, got %s",
        width,
        height,
        channels,
        (long) width * height * channels,
        pixels.length);
  }

  /** The unsigned value at (x, y) of channel c. */
  public int get(int x, int y, int c) {
    return pixels[(y * width + x) * channels + c] & 0xff;
  }

  /**
   * True when an RGB raster is gray stored as colour: at most 1% of its pixels have channels more
   * than 12 levels apart. The tolerance is needed because JPEG chroma subsampling leaves small
   * colour noise on gray films; a real colour image (fundus, endoscopy, a figure with coloured
   * arrows over more than 1% of it) stays RGB.
   */
  public boolean isNearlyGray() {
    if (channels == 1) {
      return true;
    }
    long allowed = (long) width * height / 100;
    long colourful = 0;
    for (int i = 0; i < pixels.length; i += 3) {
      int r = pixels[i] & 0xff;
      int g = pixels[i + 1] & 0xff;
      int b = pixels[i + 2] & 0xff;
      if (Math.abs(r - g) > GRAY_TOLERANCE
          || Math.abs(g - b) > GRAY_TOLERANCE
          || Math.abs(r - b) > GRAY_TOLERANCE) {
        if (++colourful > allowed) {
          return false;
        }
      }
    }
    return true;
  }

  /** This raster with one channel (ITU-R 601-2 luma of RGB). */
  public Raster toGray() {
    if (channels == 1) {
      return this;
    }
    byte[] out = new byte[width * height];
    for (int i = 0, j = 0; j < out.length; i += 3, j++) {
      int r = pixels[i] & 0xff;
      int g = pixels[i + 1] & 0xff;
      int b = pixels[i + 2] & 0xff;
      // ITU-R 601-2 luma, the transform Pillow's convert("L") uses, in fixed point.
      out[j] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
    }
    return new Raster(width, height, 1, out);
  }

  /** This raster with three channels (gray replicated). */
  public Raster toRgb() {
    if (channels == 3) {
      return this;
    }
    byte[] out = new byte[width * height * 3];
    for (int i = 0, j = 0; i < pixels.length; i++, j += 3) {
      out[j] = out[j + 1] = out[j + 2] = pixels[i];
    }
    return new Raster(width, height, 3, out);
  }

  /** This raster with {@code n} channels (1 or 3). */
  public Raster withChannels(int n) {
    checkArgument(n == 1 || n == 3, "channels must be 1 or 3: %s", n);
    return n == 1 ? toGray() : toRgb();
  }
}
