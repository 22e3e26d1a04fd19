package io.medloom.io.dicom;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded pixels and identifying header fields of one DICOM image object.
 *
 * @param width columns
 * @param height rows
 * @param frames number of frames ({@code frameValues.size()})
 * @param samplesPerPixel 1 (grey) or 3 (colour)
 * @param photometric the photometric interpretation of {@code frameValues}: as in the file, except
 *     that a decoder which converted colour during decompression (JPEG YBR to RGB) reports "RGB"
 * @param frameValues per frame, {@code width*height*samplesPerPixel} values with the modality LUT
 *     (rescale slope/intercept) applied; colour samples interleaved; signed data stays signed
 * @param window the file's first VOI window {center, width}, if it has one
 * @param meta identifying attributes present in the file, keyed by DICOM keyword (see {@link
 *     DicomMetaTag})
 * @param decoder "pixelmed" or "imagej"
 */
public record DicomImage(
    int width,
    int height,
    int frames,
    int samplesPerPixel,
    String photometric,
    List<float[]> frameValues,
    Optional<double[]> window,
    Map<String, String> meta,
    String decoder) {

  public DicomImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    if (samplesPerPixel != 1 && samplesPerPixel != 3) {
      throw new IllegalArgumentException("samples per pixel must be 1 or 3: " + samplesPerPixel);
    }
    frameValues = List.copyOf(frameValues);
    if (frames != frameValues.size() || frames < 1) {
      throw new IllegalArgumentException(
          "frame count " + frames + " does not match " + frameValues.size() + " frame arrays");
    }
    long expected = (long) width * height * samplesPerPixel;
    for (int i = 0; i < frames; i++) {
      if (frameValues.get(i).length != expected) {
        throw new IllegalArgumentException(
            "frame " + i + " has " + frameValues.get(i).length + " values, expected " + expected);
      }
    }
    meta = Map.copyOf(meta);
  }

  /** True for MONOCHROME1, where low values are bright (the display must invert). */
  public boolean isMonochrome1() {
    return "MONOCHROME1".equals(photometric);
  }
}
