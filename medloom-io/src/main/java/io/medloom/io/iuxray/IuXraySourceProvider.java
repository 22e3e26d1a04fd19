package io.medloom.io.iuxray;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code iu-xray:DIR} sources. */
public final class IuXraySourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "iu-xray";
  }

  @Override
  public String usage() {
    return "iu-xray:DIR[?images=PNG_DIR] - IU chest X-ray reports (+ projections);"
        + " text-only samples when no images are given";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new IuXraySource(spec, context);
  }
}
