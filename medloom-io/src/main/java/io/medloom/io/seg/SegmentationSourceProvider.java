package io.medloom.io.seg;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code seg:DIR} sources. */
public final class SegmentationSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "seg";
  }

  @Override
  public String usage() {
    return "seg:DIR[?task=class&roi_label=lesion&masks=separate|merged&modality=US&body_part=BREAST]"
        + " - images with <name>_mask*.png beside them, in class folders (BUSI layout)";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new SegmentationSource(spec, context);
  }
}
