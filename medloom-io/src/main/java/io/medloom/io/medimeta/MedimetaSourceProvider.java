package io.medloom.io.medimeta;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code medimeta:DIR} sources. */
public final class MedimetaSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "medimeta";
  }

  @Override
  public String usage() {
    return "medimeta:DIR[?splits=original_splits&modality=M&body_part=B&view=V] - a MedIMeta"
        + " dataset directory (info.yaml, images/*.tiff, task_labels/*.npy, splits/)";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new MedimetaSource(spec, context);
  }
}
