package io.medloom.io.dicom.codec;

/**
 * One decompressed frame as the codec stream stored it.
 *
 * @param width samples per line
 * @param height lines
 * @param components samples per pixel
 * @param precision bits per sample in the stream
 * @param samples {@code width*height*components} values, colour interleaved per pixel, unsigned as
 *     the codec defines them (signed data is sign-extended later from the DICOM header)
 * @param convertedToRgb true when the decoder turned YCbCr into RGB
 */
public record DecodedFrame(
    int width, int height, int components, int precision, int[] samples, boolean convertedToRgb) {
  public DecodedFrame {
    if ((long) width * height * components != samples.length) {
      throw new IllegalArgumentException(
          "frame of " + width + "x" + height + "x" + components + " has " + samples.length);
    }
  }
}
