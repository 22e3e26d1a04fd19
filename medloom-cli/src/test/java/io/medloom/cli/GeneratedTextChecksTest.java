package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.store.AtomicFiles;
import io.medloom.store.Json;
import io.medloom.store.ParquetShardWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify refuses generated region descriptions that contradict their geometry or the report. */
class GeneratedTextChecksTest {
  @TempDir Path tmp;

  @Test
  void descriptionsContradictingTheReportOrTheGeometryFailVerify() throws Exception {
    Path ds = tmp.resolve("p");
    assertThat(
            Cli.run("build", "--source", "phantom:40", "--out", ds.toString(), "--size", "128")
                .exitCode())
        .isZero();
    assertThat(Cli.run("verify", ds.toString()).exitCode()).isZero();

    String target =
        "(SELECT min(id) FROM s WHERE len(list_filter(texts, t -> t.kind = 'desc.roi')) > 0)";
    // The report now says there is no such finding.
    Path contradicted = copy(ds, "contradicted");
    rewrite(
        contradicted,
        "UPDATE s SET triplets = list_transform(list_filter(rois, r -> r.origin = 'mask'"
            + " AND r.attributes['attr.loc.side'] IS NOT NULL), r -> {'anatomy': '', 'finding': r.label,"
            + " 'existence': 'absent', 'sentence': 'No ' || r.label || '.'}) WHERE id = "
            + target);
    Cli a = Cli.run("verify", contradicted.toString());
    assertThat(a.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(a.out()).contains("but the report rules it out");

    // The region's computed side is flipped under its description.
    Path flipped = copy(ds, "flipped");
    rewrite(
        flipped,
        "UPDATE s SET rois = list_transform(rois, r -> struct_pack(id := r.id, label := r.label, box := r.box,"
            + " mask_rle := r.mask_rle, area_fraction := r.area_fraction, origin := r.origin,"
            + " confidence := r.confidence, attributes := map_from_entries(list_transform(map_entries(r.attributes),"
            + " e -> {'key': e.key, 'value': CASE WHEN e.key = 'attr.loc.side' AND e.value = 'right' THEN 'left'"
            + " WHEN e.key = 'attr.loc.side' AND e.value = 'left' THEN 'right' ELSE e.value END}))))"
            + " WHERE id = "
            + target);
    Cli b = Cli.run("verify", flipped.toString());
    assertThat(b.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(b.out()).contains("but the region is on");
  }

  private Path copy(Path from, String name) throws Exception {
    Path to = tmp.resolve(name);
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return to;
  }

  /** Applies an UPDATE to every shard (table s) and re-signs _SUCCESS, as a careless tool would. */
  private static void rewrite(Path ds, String update) throws Exception {
    Map<String, String> sums = new LinkedHashMap<>();
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
}
