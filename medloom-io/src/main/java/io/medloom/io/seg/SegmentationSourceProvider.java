package io.medloom.io.seg;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code seg:DIR} sources. */
public final class SegmentationSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "seg";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.DIRECTORY;
  }

  @Override
  public String description() {
    return "image/mask pairs in class folders, the BUSI layout (<class>/<name>.png + <name>_mask*.png): a multiclass task and lesion regions";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of("task", "NAME", "task name (default class)"),
        SourceOption.of("roi_label", "NAME", "label of the mask regions (default lesion)"),
        SourceOption.of(
            "masks",
            "separate|merged",
            "each mask file its own region (default), or one merged region"),
        SourceOption.of("modality", "CODE", "DICOM modality code, e.g. US (default OT)"),
        SourceOption.of("body_part", "TERM", "DICOM body part, e.g. BREAST"),
        SourceOption.of(
            "boxes",
            "FILE",
            "COCO file of boxes (relative to DIR unless absolute) read as origin=box regions"
                + " labelled by category name"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new SegmentationSource(spec, context);
  }
}
