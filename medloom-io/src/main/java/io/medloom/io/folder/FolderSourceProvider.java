package io.medloom.io.folder;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code folder:DIR} sources. */
public final class FolderSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "folder";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.DIRECTORY;
  }

  @Override
  public String description() {
    return "images (PNG, JPEG, BMP, TIFF, GIF) in class folders DIR/<class>/<image> -> one multiclass task";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of("task", "NAME", "task name (default class)"),
        SourceOption.of("modality", "CODE", "DICOM modality code, e.g. US (default OT)"),
        SourceOption.of("body_part", "TERM", "DICOM body part, e.g. BREAST"),
        SourceOption.of(
            "patient",
            "file|prefix",
            "each file its own patient (default), or PATIENT_rest.ext names"),
        SourceOption.of(
            "extension",
            "strict|trust-content",
            "reject (default) or read by content a file whose extension does not match it"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new FolderSource(spec, context);
  }
}
