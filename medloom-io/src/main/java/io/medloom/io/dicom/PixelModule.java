package io.medloom.io.dicom;

/**
 * The Image Pixel module attributes (group 0028) that say how Pixel Data is laid out.
 *
 * @param frames NumberOfFrames, 1 when absent
 */
record PixelModule(
    int rows,
    int columns,
    int samplesPerPixel,
    int bitsAllocated,
    int bitsStored,
    int highBit,
    boolean signed,
    int planarConfiguration,
    int frames,
    String photometric) {

  static PixelModule of(DicomDataset ds) {
    int bitsAllocated = ds.unsignedShort(0x0028, 0x0100, 16);
    int bitsStored = ds.unsignedShort(0x0028, 0x0101, bitsAllocated);
    return new PixelModule(
        ds.unsignedShort(0x0028, 0x0010, 0),
        ds.unsignedShort(0x0028, 0x0011, 0),
        ds.unsignedShort(0x0028, 0x0002, 1),
        bitsAllocated,
        bitsStored,
        ds.unsignedShort(0x0028, 0x0102, bitsStored - 1),
        ds.unsignedShort(0x0028, 0x0103, 0) == 1,
        ds.unsignedShort(0x0028, 0x0006, 0),
        Math.max(1, (int) ds.number(0x0028, 0x0008, 1)),
        ds.string(0x0028, 0x0004).toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * Masks a raw value to its stored bits (below HighBit) and sign-extends signed data, as DICOM
   * PS3.5 section 8 defines the stored value.
   */
  int stored(int raw, int precisionOfRaw) {
    if (bitsStored >= 32) {
      return raw;
    }
    int shift = Math.max(0, highBit + 1 - bitsStored);
    if (precisionOfRaw <= bitsStored) {
      shift = 0; // a codec returns exactly the stored bits
    }
    int v = (raw >>> shift) & ((1 << bitsStored) - 1);
    if (signed && (v & (1 << (bitsStored - 1))) != 0) {
      v -= 1 << bitsStored;
    }
    return v;
  }
}
