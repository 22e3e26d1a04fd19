package io.medloom.io.medmnist;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceProvider;
import io.medloom.core.source.SourceSpec;

/** Opens {@code medmnist:FILE.npz} sources. */
public final class MedMnistSourceProvider implements SourceProvider {
  @Override
  public String kind() {
    return "medmnist";
  }

  @Override
  public String usage() {
    return "medmnist:FILE.npz[?task=NAME&classes=a,b&modality=DX] - a MedMNIST subset, its splits kept"
        + " as original_split";
  }

  @Override
  public Source open(SourceSpec spec, SourceContext context) throws Exception {
    return new MedMnistSource(spec, context.budget());
  }
}
