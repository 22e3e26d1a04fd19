package io.medloom.export;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A small phantom dataset (40 chest X-rays, 64 px) for exporter tests. */
final class Phantom {
  static final int SAMPLES = 40;
  static final int SIZE = 64;

  private Phantom() {}

  static Path build(Path dir) throws Exception {
    Path ds = dir.resolve("ds");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("phantom:" + SAMPLES)),
            ds,
            SIZE,
            7,
            0.2,
            0.2,
            2,
            1000,
            1L << 28,
            Optional.empty(),
            "t"),
        Progress.NONE);
    return ds;
  }
}
