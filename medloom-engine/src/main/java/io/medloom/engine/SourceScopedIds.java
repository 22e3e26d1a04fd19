package io.medloom.engine;

import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.SourceSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps ids unique across the sources of one build. A source hashes its kind, path and frame (see
 * {@link SampleIds}); two sources of one kind — two folders with the same relative paths — would
 * give equal ids, so in a build with several sources of a kind every sample of those sources gets
 * its id scoped by its source's name. A lone source of its kind keeps its ids unchanged.
 */
final class SourceScopedIds implements Stage.OneToOne {
  private final Set<String> sharedKinds;

  SourceScopedIds(List<SourceSpec> sources) {
    Map<String, Integer> perKind = new HashMap<>();
    sources.forEach(s -> perKind.merge(s.kind(), 1, Integer::sum));
    Set<String> shared = new HashSet<>();
    perKind.forEach(
        (kind, n) -> {
          if (n > 1) {
            shared.add(kind);
          }
        });
    this.sharedKinds = Set.copyOf(shared);
  }

  Stage asStage() {
    return Stage.of("ids", this);
  }

  @Override
  public Sample apply(Sample sample) {
    // A sample's source is its spec's name, kind:location; BuildConfig refuses a name given twice.
    String source = sample.source();
    int colon = source.indexOf(':');
    String kind = colon < 0 ? source : source.substring(0, colon);
    if (!sharedKinds.contains(kind)) {
      return sample;
    }
    return sample.withId(SampleIds.inSource(source, sample.id()));
  }
}
