package io.medloom.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.Progress;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.StageTime;
import io.medloom.core.source.SourceSpec;
import io.medloom.store.DatasetReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local build says where its time went, step by step, and keeps that in dataset.json. */
class BuildTimingsTest {
  @TempDir Path tmp;

  @Test
  void everyStepOfALocalBuildIsTimedInTheOrderItRan() throws Exception {
    BuildConfig cfg =
        new BuildConfig(
            List.of(SourceSpec.parse("phantom:10")),
            tmp.resolve("timed"),
            32,
            3,
            0.2,
            0.2,
            2,
            4,
            1L << 28,
            Optional.empty(),
            "t");
    DatasetInfo info = LocalBuild.run(cfg, Progress.NONE);
    Map<String, StageTime> t = info.timings();
    // Read first, then the build's stages in pipeline order, then encoding, writing, duplicates.
    List<String> steps = List.copyOf(t.keySet());
    assertThat(steps).startsWith("read").contains("standardize", "png", "hashes", "row");
    assertThat(steps.indexOf("standardize")).isLessThan(steps.indexOf("png"));
    assertThat(steps).endsWith("parquet", "duplicates");
    // Each input passes each per-input step once; each of the three shards is written once.
    assertThat(t.get("read").calls()).isEqualTo(10);
    assertThat(t.get("standardize").calls()).isEqualTo(10);
    assertThat(t.get("png").calls()).isEqualTo(10);
    assertThat(t.get("parquet").calls()).isEqualTo(3);
    assertThat(t.get("duplicates").calls()).isEqualTo(1);
    assertThat(t.values()).allSatisfy(s -> assertThat(s.seconds()).isGreaterThan(0));
    // The same table comes back from disk.
    try (DatasetReader r = DatasetReader.open(cfg.out())) {
      assertThat(r.info().timings()).isEqualTo(t);
    }
  }
}
