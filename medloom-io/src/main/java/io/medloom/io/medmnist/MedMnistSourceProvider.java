package io.medloom.io.medmnist;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceLocation;
import io.medloom.core.source.SourceOption;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;
import java.util.List;

/** Opens {@code medmnist:FILE.npz} sources. */
public final class MedMnistSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "medmnist";
  }

  @Override
  public SourceLocation location() {
    return SourceLocation.FILE;
  }

  @Override
  public String description() {
    return "a MedMNIST subset (.npz); its train/val/test kept as original_split";
  }

  @Override
  public List<SourceOption> options() {
    return List.of(
        SourceOption.of("task", "NAME", "task name (default: the subset's name)"),
        SourceOption.of(
            "classes",
            "a,b,...",
            "class names in index order (default: known for the published subsets)"),
        SourceOption.of("modality", "CODE", "DICOM modality code"),
        SourceOption.of("body_part", "TERM", "DICOM body part"));
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new MedMnistSource(spec, context.budget());
  }
}
