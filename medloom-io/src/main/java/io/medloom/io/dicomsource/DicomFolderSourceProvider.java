package io.medloom.io.dicomsource;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code dicom:DIR} sources. */
public final class DicomFolderSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "dicom";
  }

  @Override
  public String usage() {
    return "dicom:DIR[?burned_in=reject|allow] - every DICOM file under DIR; one sample per frame,"
        + " patients from PatientID; secondary captures, ultrasound and BurnedInAnnotation=YES"
        + " objects rejected unless burned_in=allow";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new DicomFolderSource(spec, context);
  }
}
