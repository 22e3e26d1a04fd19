package io.medloom.io.dicom;

/** Small numeric helpers shared by the decoders. */
final class PixelValues {
  private PixelValues() {}

  /**
   * Applies the modality LUT's linear form, value*slope + intercept, in place. Done in double
   * precision: CT intercepts like -1024 plus slopes like 0.684 lose digits in float arithmetic.
   */
  static void rescale(float[] v, double slope, double intercept) {
    if (slope == 1 && intercept == 0) {
      return;
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * slope + intercept);
    }
  }

  /** Reinterprets unsigned stored values as two's complement numbers of {@code bitsStored} bits. */
  static void signExtend(float[] v, int bitsStored) {
    long range = 1L << bitsStored;
    long half = range >> 1;
    for (int i = 0; i < v.length; i++) {
      long x = ((long) v[i]) & (range - 1);
      v[i] = x >= half ? x - range : x;
    }
  }
}
