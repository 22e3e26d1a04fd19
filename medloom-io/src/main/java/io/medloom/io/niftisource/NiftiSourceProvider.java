package io.medloom.io.niftisource;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code nifti:DIR} sources. */
public final class NiftiSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "nifti";
  }

  @Override
  public String usage() {
    return "nifti:DIR[?plane=axial&slices=all|every:K|labelled&t=first|all&images=GLOB&labels=FILE"
        + "&patient=file|dir] - NIfTI volumes as 2-D slices, atlases as regions";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new NiftiSource(spec, context);
  }
}
