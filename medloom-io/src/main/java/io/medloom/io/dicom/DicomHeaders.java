package io.medloom.io.dicom;

import ij.plugin.DICOM;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header attributes of a DICOM file ({@link DicomMetaTag}) without decoding its pixels, for
 * listing a source's identifiers. ImageJ's header parser reads every transfer syntax whose data set
 * is not itself compressed; a deflated data set goes through the full {@link DicomReader}.
 */
public final class DicomHeaders {
  private static final String DEFLATED = "1.2.840.10008.1.2.1.99";

  private DicomHeaders() {}

  /**
   * Keyword to value for the attributes of {@link DicomMetaTag} present in the file.
   *
   * @throws IOException naming the file when it is not DICOM or its header cannot be parsed
   */
  public static Map<String, String> read(Path file) throws IOException {
    DicomPreamble preamble = DicomPreamble.read(file);
    if (DEFLATED.equals(preamble.transferSyntax())) {
      return DicomReader.read(file).meta();
    }
    Map<String, String> info;
    try {
      info = ImageJDecoder.parseInfo(new DICOM().getInfo(file.toAbsolutePath().toString()));
    } catch (RuntimeException e) {
      throw new IOException("cannot parse the DICOM header of " + file + ": " + e, e);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    for (DicomMetaTag t : DicomMetaTag.values()) {
      String v = info.get(t.imageJKey());
      if (v != null && !v.isEmpty()) {
        meta.put(t.name(), v);
      }
    }
    return meta;
  }
}
