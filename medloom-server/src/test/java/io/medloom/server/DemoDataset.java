package io.medloom.server;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A small phantom build with the text and annotation stages (they are on the test class path). */
final class DemoDataset {
  private DemoDataset() {}

  static Path build(Path dir, int n) throws Exception {
    Path out = dir.resolve("demo");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("phantom:" + n)),
            out,
            128,
            3,
            0.2,
            0.2,
            2,
            20,
            1L << 28,
            Optional.empty(),
            "demo"),
        Progress.NONE);
    return out;
  }
}
