package io.medloom.io.medimeta;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code medimeta:DIR} sources. */
public final class MedimetaSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "medimeta";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.DIRECTORY;
  }

  @Override
  public String description() {
    return "a MedIMeta dataset folder (info.yaml, TIFF or HDF5 images, npy task labels, splits kept as"
        + " original_split)";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of(
            "splits", "splits|original_splits", "which split folder to keep (default splits)"),
        SourceOption.of(
            "images",
            "tiff|hdf5",
            "images/NNNNNN.tiff or images.hdf5 (default: the TIFFs if the images folder exists)"),
        SourceOption.of(
            "modality", "CODE", "DICOM modality code (default: from annotations.csv, else OT)"),
        SourceOption.of("body_part", "TERM", "DICOM body part"),
        SourceOption.of("view", "VIEW", "view, e.g. PA"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new MedimetaSource(spec, context);
  }
}
