package io.medloom.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.store.DatasetReader;
import io.medloom.store.DatasetVerifier;
import io.medloom.store.DuplicateFinder;
import io.medloom.store.Duplicates;
import io.medloom.store.ParquetShardWriter;
import io.medloom.store.Row;
import io.medloom.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split of a duplicate group depends on the seed and the data only, never on the per-build key:
 * two builds with one seed give every sample the same split, whatever keys their patients got.
 */
class GroupSplitTest {
  @TempDir Path tmp;

  private static final String[] PATIENTS = {"a", "b", "c"};
  private static final String[] SPLITS = {"train", "test", "val"};

  /**
   * Three patients share one image (exact copies), each drawn into another split. The keyings
   * rotate which patient has the smallest key; the group's split must not follow it.
   */
  @Test
  void aGroupTakesTheSameSplitUnderEveryKeying() throws Exception {
    List<Map<String, String>> finalSplits = new ArrayList<>();
    for (int rotation = 0; rotation < PATIENTS.length; rotation++) {
      Path samples = Files.createDirectories(tmp.resolve("keying" + rotation).resolve("samples"));
      List<Row> rows = new ArrayList<>();
      Map<String, String> keyOf = new TreeMap<>();
      for (int p = 0; p < PATIENTS.length; p++) {
        String key = String.format("%032x", (p + rotation) % PATIENTS.length + 1);
        keyOf.put(PATIENTS[p], key);
        rows.add(row(p, "id-" + PATIENTS[p], key, SPLITS[p], "same-pixels"));
        rows.add(row(10 + p, "id-" + PATIENTS[p] + "-own", key, SPLITS[p], "own-" + p));
      }
      try (ParquetShardWriter w = new ParquetShardWriter()) {
        w.write(rows, samples.resolve("part-00000.parquet"));
      }
      Duplicates.Report report = Duplicates.find(samples);
      assertThat(report.exactGroups()).isEqualTo(1);
      Map<String, String> byId = new TreeMap<>();
      for (Row r : rows) {
        byId.put(r.id(), report.movedPatients().getOrDefault(r.patientKey(), r.split()));
      }
      finalSplits.add(byId);
    }
    assertThat(finalSplits.get(0).values()).containsOnly(finalSplits.get(0).get("id-a"));
    assertThat(finalSplits.get(1)).isEqualTo(finalSplits.get(0));
    assertThat(finalSplits.get(2)).isEqualTo(finalSplits.get(0));
  }

  /**
   * The checks before {@code _SUCCESS} decide again from the pass's findings over the splits as
   * stored, instead of running the pass twice: that must agree with the whole pass on shards whose
   * splits were rewritten correctly, partly, or not at all.
   */
  @Test
  void theFinishingRecheckAgreesWithTheWholePassOverRewrittenSplits() throws Exception {
    Path samples = Files.createDirectories(tmp.resolve("recheck").resolve("samples"));
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < PATIENTS.length; p++) {
      String key = String.format("%032x", p + 1);
      rows.add(row(p, "id-" + PATIENTS[p], key, SPLITS[p], "same-pixels"));
      rows.add(row(10 + p, "id-" + PATIENTS[p] + "-own", key, SPLITS[p], "own-" + p));
    }
    Path shard = samples.resolve("part-00000.parquet");
    try (ParquetShardWriter w = new ParquetShardWriter()) {
      w.write(rows, shard);
    }
    DuplicateFinder.Finished pass = DuplicateFinder.LOCAL.findForBuild(samples);
    Map<String, String> moved = pass.report().movedPatients();
    assertThat(moved).hasSize(2);
    assertThat(pass.report()).isEqualTo(Duplicates.find(samples));
    assertThat(pass.recheck().find(samples)).isEqualTo(pass.report());
    for (int movedNow = 0; movedNow <= moved.size(); movedNow++) {
      List<String> toMove = new ArrayList<>(moved.keySet()).subList(0, movedNow);
      List<Row> rewritten = new ArrayList<>();
      for (Row r : rows) {
        String split = toMove.contains(r.patientKey()) ? moved.get(r.patientKey()) : r.split();
        rewritten.add(row(r.ordinal(), r.id(), r.patientKey(), split, r.contentHash()));
      }
      try (ParquetShardWriter w = new ParquetShardWriter()) {
        w.write(rewritten, shard);
      }
      Duplicates.Report whole = Duplicates.find(samples);
      assertThat(pass.recheck().find(samples)).isEqualTo(whole);
      assertThat(whole.movedPatients()).hasSize(moved.size() - movedNow);
    }
  }

  private static Row row(long ordinal, String id, String key, String split, String content) {
    return new Row(
        ordinal,
        id,
        "test:x",
        id + ".png",
        key,
        key,
        split,
        null,
        "OT",
        "",
        "",
        null,
        null,
        0,
        0,
        0,
        "[]",
        "[]",
        "[{\"kind\":\"caption\",\"text\":\"x\",\"origin\":\"source\",\"roi_id\":null}]",
        "[]",
        content,
        null);
  }

  /**
   * BUSI holds near duplicates (the same scan saved twice under two case numbers). Builds with one
   * seed and different keys — as two builds without {@code --key-file} get — give identical splits,
   * and so does a build that reaches the folder by another path (the last one, through a link, as a
   * user with the data mounted elsewhere does).
   */
  @Test
  void busiBuiltWithOneSeedAndDifferentKeysHasIdenticalSplits() throws Exception {
    Path shared = SharedData.require("busi/Dataset_BUSI_with_GT");
    Path elsewhere =
        Files.createSymbolicLink(
            Files.createDirectories(tmp.resolve("mounted-elsewhere")).resolve("busi"), shared);
    List<Optional<byte[]>> keys =
        List.of(
            Optional.empty(),
            Optional.of("group-split-test-key-number-one!".getBytes(StandardCharsets.UTF_8)),
            Optional.of("group-split-test-key-number-two!".getBytes(StandardCharsets.UTF_8)),
            Optional.of("group-split-test-key-number-3!!!".getBytes(StandardCharsets.UTF_8)));
    List<Map<String, String>> splits = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      BuildConfig cfg =
          new BuildConfig(
              List.of(SourceSpec.parse("seg:" + (i < keys.size() - 1 ? shared : elsewhere))),
              tmp.resolve("busi" + i),
              64,
              2,
              0.1,
              0.2,
              2,
              64,
              1L << 28,
              keys.get(i),
              "busi");
      var info = LocalBuild.run(cfg, Progress.NONE);
      assertThat(info.duplicates().get("patients_linked_by_duplicates")).isPositive();
      assertThat(DatasetVerifier.verify(cfg.out()).problems()).isEmpty();
      Map<String, String> split = new TreeMap<>();
      try (DatasetReader r = DatasetReader.open(cfg.out())) {
        r.query(
            "SELECT id, split FROM samples",
            rs -> {
              while (rs.next()) {
                split.put(rs.getString(1), rs.getString(2));
              }
            });
      }
      assertThat(split).hasSize(140);
      splits.add(split);
    }
    for (int i = 1; i < splits.size(); i++) {
      Map<String, String> differing = new TreeMap<>();
      for (var e : splits.get(0).entrySet()) {
        String other = splits.get(i).get(e.getKey());
        if (!e.getValue().equals(other)) {
          differing.put(e.getKey(), e.getValue() + " vs " + other);
        }
      }
      assertThat(differing).as("splits of build %d against build 0", i).isEmpty();
    }
  }
}
