package io.medloom.learn;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small local builds for the learning tests: 32 px, one worker, 20% validation and test. */
public final class SmallBuilds {
  private SmallBuilds() {}

  /** Builds {@code source} into {@code tmp/name} and returns the dataset folder. */
  public static Path build(Path tmp, String source, String name) throws Exception {
    Path out = tmp.resolve(name);
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse(source)),
            out,
            32,
            1,
            0.2,
            0.2,
            2,
            64,
            1L << 28,
            Optional.empty(),
            name),
        Progress.NONE);
    return out;
  }
}
