package io.medloom.io.csv;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code csv:FILE.csv} sources. */
public final class CsvSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "csv";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.FILE;
  }

  @Override
  public String description() {
    return "one sample per image path listed in a CSV (a ['a.png', 'b.png'] cell lists several), with declared task, patient and text columns";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of("image", "COL", "column with the image path(s) (required)"),
        SourceOption.of(
            "image_dir",
            "DIR",
            "folder the image paths are relative to (default: the CSV's folder)"),
        SourceOption.of(
            "tasks",
            "COL:TYPE,...",
            "task columns; TYPE is binary, multiclass, multilabel, ordinal or regression"),
        SourceOption.of("classes.COL", "a,b,...", "class names of a task column, in index order"),
        SourceOption.of("separator.COL", "|", "separator of a multilabel cell (default |)"),
        SourceOption.of("patient", "COL", "patient id column (keyed, never stored in clear)"),
        SourceOption.of("study", "COL", "study id column"),
        SourceOption.of("split", "COL", "the source's own split, kept as original_split"),
        SourceOption.of("text.KIND", "COL", "a text column, e.g. text.report.findings=findings"),
        SourceOption.of("modality", "COL|VALUE", "modality column or one value for all rows"),
        SourceOption.of("body_part", "COL|VALUE", "body part column or one value"),
        SourceOption.of("view", "COL|VALUE", "view column or one value"),
        SourceOption.of(
            "extension",
            "trust-content",
            "read files whose extension does not match their content by their content"),
        SourceOption.of(
            "files",
            "inside|anywhere",
            "image paths must stay inside image_dir (default inside); anywhere lifts this"),
        SourceOption.of("license", "TEXT", "licence recorded in dataset.json (default unknown)"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new CsvSource(spec, context);
  }
}
