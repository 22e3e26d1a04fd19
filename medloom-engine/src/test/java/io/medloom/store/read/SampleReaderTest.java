package io.medloom.store.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.Progress;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.store.DatasetException;
import io.medloom.store.DatasetReader;
import io.medloom.store.RowDecoder;
import io.medloom.store.StoredSample;
import io.medloom.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleReaderTest {
  @TempDir static Path tmp;
  static Path dataset;
  static DatasetInfo info;

  @BeforeAll
  static void build() throws Exception {
    dataset = tmp.resolve("ds");
    info =
        LocalBuild.run(
            new BuildConfig(
                List.of(SourceSpec.parse("phantom:60")),
                dataset,
                64,
                9,
                0.2,
                0.2,
                2,
                25,
                1L << 28,
                Optional.empty(),
                "t"),
            Progress.NONE);
  }

  @Test
  void positionsFollowShardOrderWithinTheSplitAndDecodeLikeTheRowDecoder() throws Exception {
    List<StoredSample> train = new ArrayList<>();
    try (DatasetReader r = DatasetReader.open(dataset)) {
      r.forEach(Optional.of("train"), train::add);
    }
    try (SampleReader r =
        SampleReader.open(
            dataset, SplitScheme.MEDLOOM, Optional.of("train"), EnumSet.allOf(Column.class))) {
      assertThat(r.size())
          .isEqualTo(info.splitCounts().get("train").intValue())
          .isEqualTo(train.size());
      assertThat(r.fingerprint()).hasSize(32).isEqualTo(SampleReader.fingerprint(dataset));
      for (int p = 0; p < r.size(); p++) {
        SampleRecord got = r.get(p);
        var want = RowDecoder.decode(train.get(p), null);
        assertThat(got.id()).isEqualTo(train.get(p).id());
        assertThat(got.position()).isEqualTo(p);
        assertThat(got.split()).isEqualTo("train");
        assertThat(got.image().orElseThrow().pixels())
            .isEqualTo(want.image().orElseThrow().pixels());
        assertThat(got.labels()).isEqualTo(want.labels());
        assertThat(got.rois()).isEqualTo(want.rois());
        assertThat(got.texts()).isEqualTo(want.texts());
        assertThat(got.triplets()).isEqualTo(want.triplets());
        assertThat(got.label("findings")).isPresent();
      }
    }
  }

  @Test
  void onlyTheChosenColumnsAreDecodedAndOthersRefuseToAnswer() throws Exception {
    try (SampleReader r =
        SampleReader.open(
            dataset,
            SplitScheme.MEDLOOM,
            Optional.empty(),
            EnumSet.of(Column.LABELS, Column.ROIS))) {
      assertThat(r.size()).isEqualTo(60);
      assertThat(r.columns()).containsExactlyInAnyOrder(Column.LABELS, Column.ROIS);
      SampleRecord s = r.get(3, Set.of(Column.LABELS));
      assertThat(s.labels()).isNotEmpty();
      assertThatThrownBy(s::image).hasMessageContaining("IMAGE was not read");
      assertThatThrownBy(s::rois).hasMessageContaining("ROIS was not read");
      SampleRecord withRois = r.get(3, Set.of(Column.ROIS));
      assertThat(withRois.rois()).isNotEmpty().allMatch(roi -> roi.mask().isEmpty());
      assertThatThrownBy(() -> r.get(3, Set.of(Column.IMAGE)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("IMAGE was not opened");
      assertThatThrownBy(() -> r.get(60, Set.of()))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("0..59");
    }
    try (SampleReader r =
        SampleReader.open(
            dataset, SplitScheme.MEDLOOM, Optional.empty(), EnumSet.of(Column.MASKS))) {
      assertThat(r.get(0).rois())
          .isNotEmpty()
          .anyMatch(roi -> roi.mask().isPresent() && roi.mask().get().width() == 64);
    }
  }

  @Test
  void aMissingSplitOrSchemeIsACleanErrorNamingWhatExists() {
    assertThatThrownBy(
            () -> SampleReader.open(dataset, SplitScheme.MEDLOOM, Optional.of("tset"), Set.of()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("split = 'tset'")
        .hasMessageContaining("[test, train, val]");
    // The phantom ships no split of its own.
    assertThatThrownBy(
            () -> SampleReader.open(dataset, SplitScheme.ORIGINAL, Optional.of("test"), Set.of()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("original_split = 'test'");
    assertThatThrownBy(
            () ->
                SampleReader.open(
                    tmp.resolve("nothing"), SplitScheme.MEDLOOM, Optional.empty(), Set.of()))
        .isInstanceOf(DatasetException.class);
  }

  @Test
  void severalThreadsReadingAtRandomSeeWhatOneThreadSees() throws Exception {
    try (SampleReader r =
        SampleReader.open(
            dataset,
            SplitScheme.MEDLOOM,
            Optional.empty(),
            EnumSet.of(Column.IMAGE, Column.LABELS, Column.MASKS, Column.TEXTS))) {
      int n = r.size();
      int[] want = new int[n];
      for (int p = 0; p < n; p++) {
        want[p] = fingerprint(r.get(p));
      }
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          long seed = t;
          done.add(
              pool.submit(
                  () -> {
                    Random rng = new Random(seed);
                    int checked = 0;
                    for (int i = 0; i < 400; i++) {
                      int p = rng.nextInt(n);
                      if (fingerprint(r.get(p)) != want[p]) {
                        throw new AssertionError("position " + p + " differs across threads");
                      }
                      checked++;
                    }
                    return checked;
                  }));
        }
        for (Future<Integer> f : done) {
          assertThat(f.get()).isEqualTo(400);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static int fingerprint(SampleRecord s) {
    return Arrays.hashCode(s.image().orElseThrow().pixels()) * 31
        + s.labels().hashCode() * 17
        + s.rois().hashCode() * 7
        + s.texts().hashCode();
  }

  @Test
  void theSourcesOwnSplitSelectsRows() throws Exception {
    Path npz = SharedData.require("medmnist").resolve("pneumoniamnist.npz");
    Path ds = tmp.resolve("pmn");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("medmnist:" + npz)),
            ds,
            28,
            1,
            0.1,
            0.2,
            2,
            1000,
            1L << 28,
            Optional.empty(),
            "pmn"),
        Progress.NONE);
    try (SampleReader r =
        SampleReader.open(
            ds, SplitScheme.ORIGINAL, Optional.of("test"), EnumSet.of(Column.LABELS))) {
      assertThat(r.size()).isEqualTo(468);
      long positives = 0;
      for (int p = 0; p < r.size(); p++) {
        SampleRecord s = r.get(p);
        assertThat(s.originalSplit()).hasValue("test");
        positives += s.label("pneumoniamnist").orElseThrow().index();
      }
      assertThat(positives).isEqualTo(234);
    }
  }
}
