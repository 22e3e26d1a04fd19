package io.medloom.io.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.Set;

/** Names of transfer syntax and SOP class UIDs, from {@code uids.properties}, for messages. */
final class DicomUids {
  static final String IMPLICIT_LE = "1.2.840.10008.1.2";
  static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
  static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";

  /** The transfer syntaxes ImageJ decodes correctly (see STACK.md: deflate and all codecs fail). */
  private static final Set<String> IMAGEJ_SAFE = Set.of(IMPLICIT_LE, EXPLICIT_LE, EXPLICIT_BE);

  private static final Properties NAMES = load();

  private DicomUids() {}

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = DicomUids.class.getResourceAsStream("uids.properties")) {
      if (in == null) {
        // A packaging mistake, not a data problem: fail loudly at first use.
        throw new IllegalStateException("resource io/medloom/io/dicom/uids.properties missing");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** "1.2.840.10008.1.2.5 (RLE Lossless)"; unknown UIDs say so instead of failing. */
  static String describe(String uid) {
    if (uid == null || uid.isBlank()) {
      return "(none)";
    }
    return uid + " (" + NAMES.getProperty(uid, "unknown UID") + ")";
  }

  /**
   * True for SOP classes that hold pixels: the storage classes named "... Image Storage", plus
   * segmentations and RT dose. Unknown UIDs count as images, so a missing Pixel Data element is
   * reported as missing rather than blamed on the class.
   */
  static boolean isImageStorage(String sopClass) {
    if (sopClass == null || sopClass.isBlank()) {
      return true;
    }
    String name = NAMES.getProperty(sopClass);
    return name == null
        || name.contains("Image Storage")
        || name.equals("Segmentation Storage")
        || name.equals("RT Dose Storage");
  }

  static boolean imageJCanDecode(String transferSyntax) {
    // No meta header means implicit VR little endian by the standard's default.
    return transferSyntax == null
        || transferSyntax.isEmpty()
        || IMAGEJ_SAFE.contains(transferSyntax);
  }
}
