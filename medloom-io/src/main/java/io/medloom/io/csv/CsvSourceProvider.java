package io.medloom.io.csv;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code csv:FILE.csv} sources. */
public final class CsvSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "csv";
  }

  @Override
  public String usage() {
    return "csv:FILE.csv?image=COL[&image_dir=DIR&tasks=COL:TYPE,...&classes.COL=a,b"
        + "&separator.COL=|&patient=COL&study=COL&split=COL&text.KIND=COL&modality=COL|VALUE"
        + "&body_part=COL|VALUE&view=COL|VALUE&extension=trust-content&paths=inside|anywhere&license=TEXT]"
        + " - one sample per image listed in a CSV (a ['a.png', 'b.png'] cell lists several);"
        + " TYPE is binary, multiclass, multilabel, ordinal or regression; image paths must stay"
        + " inside image_dir unless paths=anywhere";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new CsvSource(spec, context);
  }
}
