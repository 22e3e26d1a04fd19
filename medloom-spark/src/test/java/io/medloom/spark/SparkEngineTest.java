package io.medloom.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.Progress;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.BuildEngine;
import io.medloom.store.DatasetVerifier;
import io.medloom.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine against the local one: the same rows, the same rejects, resume and retry. */
class SparkEngineTest {
  private static final byte[] KEY = "spark-engine-test-key-0123456789".getBytes();

  @TempDir Path tmp;

  private static BuildConfig config(List<String> sources, Path out, int shard) {
    return new BuildConfig(
        sources.stream().map(SourceSpec::parse).toList(),
        out,
        64,
        7,
        0.2,
        0.2,
        2,
        shard,
        1L << 28,
        Optional.of(KEY),
        "t");
  }

  private static DatasetInfo build(String engine, BuildConfig cfg) throws Exception {
    return BuildEngine.named(engine)
        .run(
            cfg, engine.equals("spark") ? Map.of("master", "local[2,4]") : Map.of(), Progress.NONE);
  }

  /** Every row of the dataset as one comparable string per sample, ordered by id. */
  static List<String> rows(Path dataset) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select id || '|' || content_hash || '|' || split || '|' || patient_key || '|'"
                    + " || md5(image.bytes) || '|' || cast(labels as varchar) || '|'"
                    + " || cast(rois as varchar) || '|' || cast(texts as varchar) || '|'"
                    + " || cast(triplets as varchar) from read_parquet('"
                    + dataset.resolve("samples").toString().replace("'", "''")
                    + "/*.parquet') order by id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static List<String> rejects(Path dataset) throws Exception {
    return Files.readAllLines(dataset.resolve("rejects.jsonl")).stream().sorted().toList();
  }

  @Test
  void phantomRowsAreTheSameOnBothEngines() throws Exception {
    BuildConfig local = config(List.of("phantom:60"), tmp.resolve("local"), 20);
    BuildConfig spark = config(List.of("phantom:60"), tmp.resolve("spark"), 20);
    DatasetInfo a = build("local", local);
    DatasetInfo b = build("spark", spark);
    assertThat(b.counts()).isEqualTo(a.counts());
    assertThat(b.splitCounts()).isEqualTo(a.splitCounts());
    assertThat(b.tasks()).isEqualTo(a.tasks());
    List<String> rows = rows(local.out());
    assertThat(rows).hasSize(60);
    assertThat(rows(spark.out())).containsExactlyElementsOf(rows);
    assertThat(DatasetVerifier.verify(spark.out()).problems()).isEmpty();
  }

  @Test
  void realBusiFilesWithABadOneGiveTheSameRowsAndRejects() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT");
    Path subset = tmp.resolve("busi");
    for (String cls : List.of("benign", "malignant", "normal")) {
      Path dir = Files.createDirectories(subset.resolve(cls));
      try (Stream<Path> files = Files.list(busi.resolve(cls))) {
        for (Path img :
            files
                .filter(p -> !p.getFileName().toString().contains("_mask"))
                .sorted()
                .limit(6)
                .toList()) {
          String stem = img.getFileName().toString().replace(".png", "");
          Files.copy(img, dir.resolve(img.getFileName()));
          Path mask = img.resolveSibling(stem + "_mask.png");
          if (Files.exists(mask)) {
            Files.copy(mask, dir.resolve(mask.getFileName()));
          }
        }
      }
    }
    // One truncated image: a rejection row on both engines, never a failed task.
    byte[] real = Files.readAllBytes(Files.list(busi.resolve("benign")).sorted().findFirst().get());
    Files.write(
        subset.resolve("benign/benign (99999).png"),
        java.util.Arrays.copyOf(real, real.length / 3));
    String src = "seg:" + subset + "?modality=US&body_part=BREAST&task=busi_class";
    BuildConfig local = config(List.of(src), tmp.resolve("local"), 5);
    BuildConfig spark = config(List.of(src), tmp.resolve("spark"), 5);
    DatasetInfo a = build("local", local);
    DatasetInfo b = build("spark", spark);
    assertThat(a.counts().rejected()).isEqualTo(1);
    assertThat(b.counts()).isEqualTo(a.counts());
    assertThat(rows(spark.out())).containsExactlyElementsOf(rows(local.out())).hasSize(18);
    assertThat(rejects(spark.out())).isEqualTo(rejects(local.out())).hasSize(1);
  }

  @Test
  void aFailedBuildResumesWithoutRecomputingFinishedShards() throws Exception {
    BuildConfig reference = config(List.of("phantom:40"), tmp.resolve("reference"), 10);
    BuildConfig cfg = config(List.of("phantom:40"), tmp.resolve("resumed"), 10);
    build("spark", reference);
    // The first input of the last shard fails on every attempt: Spark tries the task four times
    // (local[2,4]) and gives up, which fails the build like a kill after shards 0 and 1.
    FailOnceStage.FAILURES.set(0);
    FailOnceStage.alwaysFailOn = "/0000030.png";
    try {
      assertThatThrownBy(() -> build("spark", cfg)).hasStackTraceContaining("injected");
    } finally {
      FailOnceStage.alwaysFailOn = null;
    }
    assertThat(FailOnceStage.FAILURES.get()).as("attempts of the failing task").isEqualTo(4);
    assertThat(cfg.out().resolve("_SUCCESS")).doesNotExist();
    Map<String, FileTime> published = new TreeMap<>();
    try (Stream<Path> s = Files.list(cfg.out().resolve("samples"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        published.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
      }
    }
    assertThat(published).containsKeys("part-00000.parquet", "part-00001.parquet");
    Thread.sleep(20);
    build("spark", cfg);
    assertThat(rows(cfg.out())).containsExactlyElementsOf(rows(reference.out()));
    for (var e : published.entrySet()) {
      assertThat(Files.getLastModifiedTime(cfg.out().resolve("samples").resolve(e.getKey())))
          .as(e.getKey() + " was not recomputed")
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void aFailedTaskIsRetriedAndTheRowsDoNotChange() throws Exception {
    BuildConfig clean = config(List.of("phantom:30"), tmp.resolve("clean"), 10);
    BuildConfig retried = config(List.of("phantom:30"), tmp.resolve("retried"), 10);
    build("spark", clean);
    FailOnceStage.ARMED.set(true);
    build("spark", retried);
    assertThat(FailOnceStage.ARMED.get()).as("the injected failure fired").isFalse();
    assertThat(rows(retried.out())).containsExactlyElementsOf(rows(clean.out()));
  }
}
