package io.medloom.io.niftisource;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code nifti:DIR} sources. */
public final class NiftiSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "nifti";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.DIRECTORY;
  }

  @Override
  public String description() {
    return "NIfTI-1/2 volumes sliced into 2-D images by a declared policy, label volumes (atlases) as regions";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of("plane", "axial|coronal|sagittal", "slice plane (default axial)"),
        SourceOption.of("slices", "all|every:K|labelled", "which slices (default all)"),
        SourceOption.of("t", "first|all", "time points of a 4-D volume (default first)"),
        SourceOption.of(
            "images", "GLOB", "file names to read (default every volume but the label volume)"),
        SourceOption.of(
            "labels", "FILE", "label volume in the images' voxel space; its regions become ROIs"),
        SourceOption.of(
            "patient", "file|dir", "each volume a subject (default), or the whole folder one"),
        SourceOption.of("modality", "CODE", "DICOM modality code (default OT)"),
        SourceOption.of("body_part", "TERM", "DICOM body part"),
        SourceOption.of("license", "TEXT", "licence recorded in dataset.json"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new NiftiSource(spec, context);
  }
}
