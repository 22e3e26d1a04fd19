package io.medloom.phantom.source;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code phantom:N} sources. */
public final class PhantomSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "phantom";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.COUNT;
  }

  @Override
  public String description() {
    return "N synthetic chest radiographs (PA and lateral, several studies per patient) with exact anatomy and lesion masks and a report written from the truth; seeded by --seed";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of(
            "render", "PIXELS", "side of the rendered film before standardizing (default 320)"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) {
    return new PhantomSource(spec, context);
  }

  /** Item names carry the seed and an index only (see {@link PhantomSource#items()}). */
  @Override
  public boolean pathsMayIdentify() {
    return false;
  }
}
