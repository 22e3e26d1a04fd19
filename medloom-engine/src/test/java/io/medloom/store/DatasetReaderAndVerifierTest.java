package io.medloom.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.Progress;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.testing.DatasetTampering;
import java.nio.file.Path;
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
      DatasetTampering.copy(dataset, copy);
      DatasetTampering.rewriteShards(copy, e.getValue());
      DatasetVerifier.Report report = DatasetVerifier.verify(copy);
      assertThat(report.problems()).as(e.getKey()).anyMatch(p -> p.startsWith(e.getKey() + ":"));
      assertThat(report.problems()).as(e.getKey()).noneMatch(p -> p.startsWith("checksum:"));
    }
    // A raw identifier the source declares is found in any string column, as a whole token.
    Path copy = tmp.resolve("damaged-raw-id");
    DatasetTampering.copy(dataset, copy);
    DatasetTampering.rewriteShards(
        copy,
        "UPDATE s SET texts = [{'kind': 'caption', 'text': 'seen as MRN4711-X today',"
            + " 'origin': 'source', 'roi_id': NULL}] WHERE id = (SELECT min(id) FROM s)");
    assertThat(DatasetVerifier.verify(copy, java.util.Set.of("MRN4711-X", "17")).problems())
        .anyMatch(p -> p.contains("raw identifier 'MRN4711-X'"));
    assertThat(DatasetVerifier.verify(dataset, java.util.Set.of("MRN4711-X")).problems()).isEmpty();
  }
}
