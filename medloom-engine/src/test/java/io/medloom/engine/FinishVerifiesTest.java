package io.medloom.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.Progress;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.store.DatasetException;
import io.medloom.store.DatasetReader;
import io.medloom.store.DatasetVerifier;
import io.medloom.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids are unique by construction, and a build never marks finished a dataset its own {@code verify}
 * refuses.
 */
class FinishVerifiesTest {
  @TempDir Path tmp;

  private static BuildConfig config(List<String> sources, Path out, int shard) {
    return config(sources, out, shard, Optional.empty());
  }

  private static BuildConfig config(
      List<String> sources, Path out, int shard, Optional<byte[]> secret) {
    return new BuildConfig(
        sources.stream().map(SourceSpec::parse).toList(),
        out,
        32,
        3,
        0.2,
        0.2,
        2,
        shard,
        1L << 28,
        secret,
        "t");
  }

  @Test
  void aDatasetThatFailsVerifyIsNeverMarkedFinished() throws Exception {
    // A given key: an unfinished build keeps a generated one for its resume, outside the folder.
    BuildConfig cfg =
        config(
            List.of("phantom:12"),
            tmp.resolve("defect"),
            5,
            Optional.of("finish-verifies-test-key-0123456".getBytes()));
    ArmedDefectStage.armed = true;
    try {
      assertThatThrownBy(() -> LocalBuild.run(cfg, Progress.NONE))
          .isInstanceOf(DatasetException.class)
          .hasMessageContaining("fails verification")
          .hasMessageContaining("labels: ")
          .hasMessageContaining("undeclared-task");
    } finally {
      ArmedDefectStage.armed = false;
    }
    assertThat(cfg.out().resolve("_SUCCESS")).doesNotExist();
    assertThatThrownBy(() -> DatasetReader.open(cfg.out())).isInstanceOf(DatasetException.class);
  }

  @Test
  void twoSourcesOfOneKindGetDistinctIds() throws Exception {
    // The same generator twice: the first six items of each have the same path within their source.
    BuildConfig cfg = config(List.of("phantom:6", "phantom:8"), tmp.resolve("two"), 4);
    DatasetInfo info = LocalBuild.run(cfg, Progress.NONE);
    assertThat(info.counts().written()).isEqualTo(14);
    assertThat(DatasetVerifier.verify(cfg.out()).problems()).isEmpty();
    try (DatasetReader r = DatasetReader.open(cfg.out())) {
      assertThat(r.count("SELECT count(DISTINCT id) FROM samples")).isEqualTo(14);
    }
    // A lone source keeps the ids it always had (hash of kind, path and frame).
    BuildConfig alone = config(List.of("phantom:6"), tmp.resolve("alone"), 4);
    LocalBuild.run(alone, Progress.NONE);
    try (DatasetReader r = DatasetReader.open(alone.out())) {
      assertThat(
              r.count(
                  "SELECT count(*) FROM samples WHERE id = '"
                      + io.medloom.core.source.SampleIds.of("phantom", "seed-3/0000000.png", 0)
                      + "'"))
          .isEqualTo(1);
    }
  }

  @Test
  void theSameSourceTwiceIsRefusedUpFront() {
    assertThatThrownBy(() -> config(List.of("phantom:6", "phantom:6"), tmp.resolve("same"), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("phantom:6")
        .hasMessageContaining("twice");
  }

  /**
   * The COVID-19 collection lists some images on two rows under two patient ids. A copy of the
   * shared collection with five such rows added (as upstream has them) builds, verifies, and names
   * each repeated row in rejects.jsonl.
   */
  @Test
  void theCovidCollectionWithImagesListedTwiceBuildsAndVerifies() throws Exception {
    Path covid = SharedData.require("covid-chestxray");
    Path copy = Files.createDirectories(tmp.resolve("covid"));
    List<String> lines = Files.readAllLines(covid.resolve("metadata.csv"));
    List<String> kept = new ArrayList<>(lines.subList(0, 31));
    // Rows whose image is listed again under patient id 9339 (the same case entered twice).
    List<String> again = new ArrayList<>();
    for (String row : kept.subList(1, 6)) {
      again.add("9339" + row.substring(row.indexOf(',')));
    }
    kept.addAll(again);
    Files.write(copy.resolve("metadata.csv"), kept);
    Files.createDirectories(copy.resolve("images"));
    try (Stream<Path> images = Files.list(covid.resolve("images"))) {
      for (Path img : images.toList()) {
        String name = img.getFileName().toString();
        if (kept.stream().anyMatch(l -> l.contains("images," + name + ","))) {
          Files.copy(img, copy.resolve("images").resolve(name));
        }
      }
    }
    BuildConfig cfg = config(List.of("covid-chestxray:" + copy), tmp.resolve("covid-out"), 16);
    DatasetInfo info = LocalBuild.run(cfg, Progress.NONE);
    assertThat(info.counts().read()).isEqualTo(35);
    assertThat(info.counts().rejected()).isEqualTo(5);
    assertThat(DatasetVerifier.verify(cfg.out()).problems()).isEmpty();
    List<String> rejects = Files.readAllLines(cfg.out().resolve("rejects.jsonl"));
    assertThat(rejects).hasSize(5);
    for (int i = 0; i < 5; i++) {
      // Only the reason: the source field holds the (random) temp folder, whose digits may hold
      // anything.
      String reason = rejects.get(i).substring(rejects.get(i).indexOf("\"reason\""));
      assertThat(reason)
          .contains("metadata.csv line " + (32 + i), "already listed on line " + (2 + i))
          .contains("another patient")
          .doesNotContain("9339");
    }
  }
}
