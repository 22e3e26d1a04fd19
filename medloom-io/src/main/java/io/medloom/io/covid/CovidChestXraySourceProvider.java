package io.medloom.io.covid;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code covid-chestxray:DIR} sources. */
public final class CovidChestXraySourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "covid-chestxray";
  }

  @Override
  public String usage() {
    return "covid-chestxray:DIR - the COVID-19 Image Data Collection (DIR/metadata.csv + images)";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new CovidChestXraySource(spec, context);
  }
}
