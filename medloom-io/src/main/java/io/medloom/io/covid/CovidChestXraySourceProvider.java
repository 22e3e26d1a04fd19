package io.medloom.io.covid;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code covid-chestxray:DIR} sources. */
public final class CovidChestXraySourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "covid-chestxray";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.DIRECTORY;
  }

  @Override
  public String description() {
    return "the COVID-19 Image Data Collection: metadata.csv -> multilabel finding, sex, view, clinical_notes text, patientid as the keyed patient";
  }

  @Override
  public java.util.List<io.medloom.core.source.SourceOption> options() {
    return java.util.List.of(
        io.medloom.core.source.SourceOption.of(
            "boxes",
            "FILE",
            "COCO file of boxes (relative to DIR, e.g. annotations/lung_boxes.json) read as"
                + " origin=box regions labelled by category name"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new CovidChestXraySource(spec, context);
  }
}
