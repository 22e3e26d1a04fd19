package io.medloom.io.dicomsource;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Sample;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.SourceSpec;
import io.medloom.io.dicom.DicomImage;
import io.medloom.io.dicom.DicomWindowing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one decoded DICOM object into samples, the same way for every DICOM source (folder,
 * DICOMweb): one sample per frame, identity from PatientID and StudyInstanceUID, Modality,
 * BodyPartExamined and ViewPosition into the sample's fields, pixels windowed to 8 bits. Objects
 * that may show text in their pixels are refused unless the source allows them.
 */
public final class DicomSamples {
  private DicomSamples() {}

  /**
   * @param itemPath the item's path in its source (ids and original_path derive from it)
   * @param fallbackPatient the patient when the object has no PatientID: the object alone, since
   *     grouping by an empty id would put unrelated people into one split group
   * @param fallbackStudy the study when the object has no StudyInstanceUID
   * @throws IOException with the reason when the object may show text in its pixels and the source
   *     does not allow that (see {@link BurnedInText})
   */
  public static List<Sample> of(
      SourceSpec spec,
      String itemPath,
      DicomImage img,
      String fallbackPatient,
      String fallbackStudy)
      throws IOException {
    Map<String, String> meta = img.meta();
    BurnedInText.check(spec, meta);
    String patient = meta.getOrDefault("PatientID", "");
    String study = meta.getOrDefault("StudyInstanceUID", "");
    Identity identity =
        new Identity(
            patient.isBlank() ? fallbackPatient : patient, study.isBlank() ? fallbackStudy : study);
    String modality = meta.getOrDefault("Modality", "").toUpperCase(Locale.ROOT);
    String bodyPart = meta.getOrDefault("BodyPartExamined", "").toUpperCase(Locale.ROOT);
    String view = meta.getOrDefault("ViewPosition", "").toUpperCase(Locale.ROOT);
    List<Sample> out = new ArrayList<>(img.frames());
    for (int f = 0; f < img.frames(); f++) {
      Raster raster = DicomWindowing.toRaster(img, f);
      String path = img.frames() == 1 ? itemPath : itemPath + "#frame=" + f;
      out.add(
          Sample.read(
              SampleIds.of(spec.kind(), itemPath, f),
              spec.name(),
              path,
              identity,
              modality.isBlank() ? "OT" : modality,
              bodyPart,
              view,
              raster));
    }
    return out;
  }
}
