package io.medloom.io.dicom;

import io.medloom.core.source.ReadBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads DICOM images. The default decoder is MedLoom's own ({@link NativeDecoder}): every common
 * transfer syntax (uncompressed, deflated, RLE, JPEG baseline/extended/lossless, JPEG-LS, JPEG
 * 2000) with nothing outside Maven Central. The system property {@value #DECODER_PROPERTY} selects
 * PixelMed (when installed, see {@link PixelMedBridge}) or ImageJ (uncompressed only) instead, for
 * comparison.
 *
 * <p>Errors are IOExceptions whose message names the file and the reason: not DICOM, empty,
 * truncated, no Pixel Data element, a non-image SOP class, or an unsupported transfer syntax (with
 * its UID and name).
 */
public final class DicomReader {
  static final String MEDLOOM = "medloom";
  static final String PIXELMED = "pixelmed";
  static final String IMAGEJ = "imagej";

  /** "medloom" (default), "pixelmed" or "imagej". */
  public static final String DECODER_PROPERTY = "medloom.dicom.decoder";

  private DicomReader() {}

  /**
   * Decodes all frames of {@code file} within the {@linkplain ReadBudget#standard() standard}
   * budget.
   */
  public static DicomImage read(Path file) throws IOException {
    return read(file, ReadBudget.standard());
  }

  /**
   * Decodes all frames of {@code file}; throws with a clear reason when it cannot. The file's size
   * and the pixel module its header declares (rows x columns x frames x samples) are checked
   * against {@code budget} before any decoder reserves memory for pixels.
   */
  public static DicomImage read(Path file, ReadBudget budget) throws IOException {
    DicomPreamble preamble = DicomPreamble.read(file);
    budget.checkBytes("DICOM file " + file.getFileName(), Files.size(file));
    String choice = System.getProperty(DECODER_PROPERTY, MEDLOOM);
    if (choice.equals(PIXELMED)) {
      Optional<PixelMedBridge> pm = PixelMedBridge.find();
      if (pm.isPresent()) {
        return new PixelMedDecoder(pm.get()).decode(file, preamble, budget);
      }
    } else if (choice.equals(IMAGEJ)) {
      return ImageJDecoder.decode(file, preamble, budget);
    }
    return NativeDecoder.decode(file, preamble, budget);
  }

  /**
   * The native raster: stored values of every frame as decompressed, before rescale, windowing or
   * resizing (always MedLoom's own decoder). For comparing with other decoders value for value.
   */
  public static StoredImage readStored(Path file) throws IOException {
    return readStored(file, ReadBudget.standard());
  }

  public static StoredImage readStored(Path file, ReadBudget budget) throws IOException {
    DicomPreamble preamble = DicomPreamble.read(file);
    budget.checkBytes("DICOM file " + file.getFileName(), Files.size(file));
    return NativeDecoder.stored(file, NativeDecoder.parse(file, preamble, budget), budget);
  }

  /** The ImageJ path regardless of the setting, so tests can check it on any machine. */
  static DicomImage readWithImageJ(Path file) throws IOException {
    return ImageJDecoder.decode(file, DicomPreamble.read(file));
  }

  /** True: the built-in decoder handles every common transfer syntax. */
  public static boolean fullCodecsAvailable() {
    return true;
  }

  /** True when PixelMed was found (the optional comparison decoder). */
  public static boolean pixelMedAvailable() {
    return PixelMedBridge.find().isPresent();
  }
}
