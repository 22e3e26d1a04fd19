package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.store.build.BuildConfig;
import io.medloom.store.build.LocalBuild;
import io.medloom.store.build.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderAndVerifierTest {
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
  void readsSequentiallyByIdBySplitAndByTask() throws Exception {
    try (DatasetReader r = DatasetReader.open(dataset)) {
      List<StoredSample> all = new ArrayList<>();
      r.forEach(Optional.empty(), all::add);
      assertThat(all).hasSize(60);
      assertThat(all.get(0).png()).startsWith((byte) 0x89, (byte) 'P');
      StoredSample some = all.get(37);
      assertThat(r.get(some.id()))
          .hasValueSatisfying(s -> assertThat(s.png()).isEqualTo(some.png()));
      assertThat(r.get("no-such-id")).isEmpty();
      for (var e : info.splitCounts().entrySet()) {
        List<StoredSample> part = new ArrayList<>();
        r.forEach(Optional.of(e.getKey()), part::add);
        assertThat(part)
            .hasSize(e.getValue().intValue())
            .allMatch(s -> s.split().equals(e.getKey()));
      }
      assertThat(r.withTask("findings")).hasSize(60);
      assertThat(r.withTask("no-such-task")).isEmpty();
    }
  }

  @Test
  void verifyPassesOnTheBuildAndCatchesEachKindOfDamage() throws Exception {
    assertThat(DatasetVerifier.verify(dataset).problems()).isEmpty();
    Map<String, String> damage =
        Map.of(
            "splits",
                "UPDATE s SET split = CASE WHEN split = 'train' THEN 'test' ELSE 'train' END"
                    + " WHERE id = (SELECT min(id) FROM s WHERE patient_key IN (SELECT patient_key FROM s"
                    + " GROUP BY patient_key HAVING count(*) > 1))",
            "privacy",
                "UPDATE s SET original_path = 'PHP-000001/S1/PA.png' WHERE id = (SELECT min(id) FROM s)",
            "labels",
                "UPDATE s SET labels = [{'task': 'sex', 'index': 7, 'indices': [7], 'name': 'x', 'value': NULL}]"
                    + " WHERE id = (SELECT min(id) FROM s)",
            "rois",
                "UPDATE s SET rois = list_transform(rois, r -> struct_pack(id := r.id, label := r.label,"
                    + " box := [0, 0, 65, 10], mask_rle := r.mask_rle, area_fraction := r.area_fraction,"
                    + " origin := r.origin, confidence := r.confidence, attributes := r.attributes))"
                    + " WHERE id = (SELECT min(id) FROM s)");
    for (var e : damage.entrySet()) {
      Path copy = tmp.resolve("damaged-" + e.getKey());
      copyTree(dataset, copy);
      rewriteShards(copy, e.getValue());
      DatasetVerifier.Report report = DatasetVerifier.verify(copy);
      assertThat(report.problems()).as(e.getKey()).anyMatch(p -> p.startsWith(e.getKey() + ":"));
      assertThat(report.problems()).as(e.getKey()).noneMatch(p -> p.startsWith("checksum:"));
    }
    // A raw identifier the source declares is found in any string column, as a whole token.
    Path copy = tmp.resolve("damaged-raw-id");
    copyTree(dataset, copy);
    rewriteShards(
        copy,
        "UPDATE s SET texts = [{'kind': 'caption', 'text': 'seen as MRN4711-X today',"
            + " 'origin': 'source', 'roi_id': NULL}] WHERE id = (SELECT min(id) FROM s)");
    assertThat(DatasetVerifier.verify(copy, java.util.Set.of("MRN4711-X", "17")).problems())
        .anyMatch(p -> p.contains("raw identifier 'MRN4711-X'"));
    assertThat(DatasetVerifier.verify(dataset, java.util.Set.of("MRN4711-X")).problems()).isEmpty();
  }

  /** Applies an UPDATE to every shard (table s) and re-signs _SUCCESS, as a careless tool would. */
  private static void rewriteShards(Path ds, String update) throws Exception {
    var sums = new java.util.LinkedHashMap<String, String>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        var files = Files.list(ds.resolve("samples"))) {
      for (Path shard : files.sorted().toList()) {
        st.execute(
            "CREATE OR REPLACE TABLE s AS SELECT * FROM read_parquet("
                + ParquetShardWriter.sqlString(shard)
                + ")");
        st.execute(update);
        Path out = shard.resolveSibling("new.parquet");
        st.execute("COPY s TO " + ParquetShardWriter.sqlString(out) + " (FORMAT parquet)");
        Files.move(out, shard, StandardCopyOption.REPLACE_EXISTING);
        sums.put("samples/" + shard.getFileName(), AtomicFiles.sha256(shard));
      }
    }
    sums.put("rejects.jsonl", AtomicFiles.sha256(ds.resolve("rejects.jsonl")));
    sums.put("dataset.json", AtomicFiles.sha256(ds.resolve("dataset.json")));
    Files.write(ds.resolve("_SUCCESS"), Json.MAPPER.writeValueAsBytes(Map.of("sha256", sums)));
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
