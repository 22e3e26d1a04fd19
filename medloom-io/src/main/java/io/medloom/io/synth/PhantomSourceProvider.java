package io.medloom.io.synth;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code phantom:N} sources. */
public final class PhantomSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "phantom";
  }

  @Override
  public String usage() {
    return "phantom:N[?render=320] - N synthetic chest radiographs with masks and reports,"
        + " seeded by --seed";
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
