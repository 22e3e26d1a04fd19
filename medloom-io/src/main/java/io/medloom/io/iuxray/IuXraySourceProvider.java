package io.medloom.io.iuxray;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code iu-xray:DIR} sources. */
public final class IuXraySourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "iu-xray";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.DIRECTORY;
  }

  @Override
  public String description() {
    return "IU chest X-ray reports (+ projections): report sections as texts, Problems as the multilabel task problems; text-only samples without images=";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of("images", "DIR", "folder with the PNG images (default: text-only samples)"),
        SourceOption.of("reports", "FILE", "reports CSV inside DIR (default indiana_reports.csv)"),
        SourceOption.of(
            "projections", "FILE", "projections CSV inside DIR (default indiana_projections.csv)"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new IuXraySource(spec, context);
  }
}
