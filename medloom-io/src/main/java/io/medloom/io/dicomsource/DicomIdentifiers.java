package io.medloom.io.dicomsource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a DICOM header that identify a patient or an examination, as {@code verify
 * --identifiers-from} searches a built dataset for them: PatientID, PatientName (also written the
 * ways free text writes names: "John Doe", "Doe John", "Doe, John"), StudyInstanceUID,
 * SeriesInstanceUID, SOPInstanceUID and AccessionNumber. UIDs count because they embed dates and
 * device serials and link back to the archive.
 */
public final class DicomIdentifiers {
  /** DICOM keywords, as in {@code DicomImage#meta()}. */
  public static final List<String> KEYWORDS =
      List.of(
          "PatientID",
          "PatientName",
          "StudyInstanceUID",
          "SeriesInstanceUID",
          "SOPInstanceUID",
          "AccessionNumber");

  private DicomIdentifiers() {}

  /** Adds the identifiers among {@code meta} (keyword to value) to {@code out}. */
  public static void collect(Map<String, String> meta, Set<String> out) {
    for (String k : KEYWORDS) {
      String v = meta.getOrDefault(k, "").trim();
      if (v.isEmpty()) {
        continue;
      }
      out.add(v);
      if (k.equals("PatientName")) {
        addNameForms(v, out);
      }
    }
  }

  /** A PN value is Family^Given^Middle^Prefix^Suffix, optionally "=ideographic=phonetic". */
  private static void addNameForms(String pn, Set<String> out) {
    String alphabetic = pn.split("=", -1)[0];
    String[] c = alphabetic.split("\\^", -1);
    String family = c[0].trim();
    String given = c.length > 1 ? c[1].trim() : "";
    if (family.isEmpty() || given.isEmpty()) {
      return;
    }
    out.add(given + " " + family);
    out.add(family + " " + given);
    out.add(family + ", " + given);
  }
}
