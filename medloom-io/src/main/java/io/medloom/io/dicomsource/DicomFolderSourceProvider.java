package io.medloom.io.dicomsource;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code dicom:DIR} sources. */
public final class DicomFolderSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "dicom";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.DIRECTORY;
  }

  @Override
  public String description() {
    return "every DICOM file under DIR (PixelMed when installed, ImageJ otherwise); one sample per frame, patients from PatientID; non-image objects rejected with their SOP class, objects that may show burned-in text unless burned_in=allow";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of("license", "TEXT", "licence recorded in dataset.json"),
        SourceOption.of(
            "burned_in",
            "reject|allow",
            "secondary captures, ultrasound and BurnedInAnnotation=YES objects may show text in"
                + " their pixels: rejected unless allow (default reject)"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new DicomFolderSource(spec, context);
  }
}
