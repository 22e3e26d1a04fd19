package io.medloom.io.dicom;

import java.util.List;

/**
 * The native raster of a DICOM object: the stored values of every frame after decompression, before
 * the modality LUT (rescale), VOI windowing or any resize. Tests compare these with other decoders'
 * output value for value.
 *
 * @param width columns
 * @param height rows
 * @param samplesPerPixel 1 or 3, interleaved per pixel
 * @param photometric the photometric interpretation of these values (RGB after a YCbCr decode)
 * @param bitsStored significant bits per value
 * @param signed true when PixelRepresentation is 1 (values are sign-extended)
 * @param frames one array of {@code width*height*samplesPerPixel} values per frame; 32-bit unsigned
 *     values above 2^31 read as negative ints and are widened by {@link #value}
 */
public record StoredImage(
    int width,
    int height,
    int samplesPerPixel,
    String photometric,
    int bitsStored,
    boolean signed,
    List<int[]> frames) {
  public StoredImage {
    frames = List.copyOf(frames);
  }

  /** The value at {@code i} of frame {@code f} as a number (unsigned 32-bit widened). */
  public double value(int f, int i) {
    int v = frames.get(f)[i];
    return !signed && bitsStored > 31 ? v & 0xFFFFFFFFL : v;
  }
}
