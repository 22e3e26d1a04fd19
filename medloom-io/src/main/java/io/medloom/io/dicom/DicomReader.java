package io.medloom.io.dicom;

import io.medloom.core.source.ReadBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads DICOM images. PixelMed (when installed, see {@link PixelMedBridge}) decodes every transfer
 * syntax it and the ImageIO plugins on the class path support: uncompressed, deflate, RLE, JPEG
 * baseline and lossless, JPEG 2000. Without it ImageJ decodes the uncompressed transfer syntaxes
 * and everything else is rejected with a message that says how to install PixelMed.
 *
 * <p>Errors are IOExceptions whose message names the file and the reason: not DICOM, empty,
 * truncated, no pixel data (with the SOP class), or an unsupported transfer syntax (with its UID
 * and name).
 */
public final class DicomReader {
  static final String PIXELMED = "pixelmed";
  static final String IMAGEJ = "imagej";

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
    Optional<PixelMedBridge> pm = PixelMedBridge.find();
    if (pm.isPresent()) {
      return new PixelMedDecoder(pm.get()).decode(file, preamble, budget);
    }
    return ImageJDecoder.decode(file, preamble, budget);
  }

  /** The ImageJ path regardless of PixelMed, so tests can check the fallback on any machine. */
  static DicomImage readWithImageJ(Path file) throws IOException {
    return ImageJDecoder.decode(file, DicomPreamble.read(file));
  }

  /** True when PixelMed was found, i.e. compressed transfer syntaxes can be decoded. */
  public static boolean fullCodecsAvailable() {
    return PixelMedBridge.find().isPresent();
  }
}
