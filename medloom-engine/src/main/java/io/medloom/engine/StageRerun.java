package io.medloom.engine;

import io.medloom.core.Progress;
import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.Outcome;
import io.medloom.core.pipeline.Pipeline;
import io.medloom.core.pipeline.Stage;
import io.medloom.store.AtomicFiles;
import io.medloom.store.DatasetException;
import io.medloom.store.DatasetLayout;
import io.medloom.store.ParquetShardWriter;
import io.medloom.store.Row;
import io.medloom.store.RowEncoder;
import io.medloom.store.ShardRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs stages again over a finished dataset (e.g. {@code annotate}): every shard is decoded, passed
 * through the stages, re-encoded and replaced atomically, then {@code _SUCCESS} is written anew.
 * While it runs the dataset carries {@code _RERUN} instead of {@code _SUCCESS}, so readers refuse
 * it and a killed run is simply started again: the stages must be idempotent (they replace what
 * they added before). A sample a stage fails on keeps its stored form and is counted, so no row is
 * ever lost.
 */
public final class StageRerun {
  private static final String MARKER = "_RERUN";

  /** What happened: rows rewritten and rows kept as they were because a stage failed on them. */
  public record Result(long rows, long keptUnchanged, List<String> problems) {}

  private StageRerun() {}

  public static Result run(Path root, List<Stage> stages, Progress progress)
      throws IOException, SQLException {
    DatasetLayout layout = new DatasetLayout(root);
    Path marker = root.resolve(MARKER);
    if (!Files.exists(layout.success()) && !Files.exists(marker)) {
      throw new DatasetException(
          root + " is not a finished dataset: " + DatasetLayout.SUCCESS + " is missing");
    }
    if (!Files.exists(marker)) {
      StringBuilder names = new StringBuilder();
      stages.forEach(s -> names.append(s.name()).append('\n'));
      AtomicFiles.write(marker, names.toString().getBytes(StandardCharsets.UTF_8));
      Files.delete(layout.success());
    }
    List<Path> shards;
    try (Stream<Path> s = Files.list(layout.samples())) {
      shards = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    long total;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM read_parquet("
                    + ParquetShardWriter.sqlString(layout.samples().resolve("*.parquet"))
                    + ")")) {
      rs.next();
      total = rs.getLong(1);
    }
    progress.start("rerun " + root.getFileName(), total);
    Pipeline pipeline = new Pipeline(stages);
    RowEncoder encoder = new RowEncoder();
    long[] done = {0};
    long[] kept = {0};
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ParquetShardWriter writer = new ParquetShardWriter()) {
      for (Path shard : shards) {
        List<Row> rows = new ArrayList<>();
        ShardRows.forEach(
            st,
            shard,
            (stored, ordinal, sample) -> {
              Outcome o =
                  pipeline.run(ordinal, stored.source(), stored.originalPath(), List.of(sample));
              Sample out = sample;
              if (o.isRejected() || o.samples().size() != 1) {
                kept[0]++;
                if (problems.size() < 20) {
                  problems.add(
                      stored.id()
                          + ": "
                          + o.rejection()
                              .map(r -> r.stage() + ": " + r.reason())
                              .orElse("a stage changed the row count"));
                }
              } else {
                out = o.samples().get(0);
              }
              rows.add(encoder.encode(ordinal, out));
              progress.update(++done[0], kept[0]);
            });
        writer.write(rows, shard);
      }
    } finally {
      progress.finish();
    }
    Map<String, String> shardSums = new LinkedHashMap<>();
    for (Path shard : shards) {
      shardSums.put(shard.getFileName().toString(), AtomicFiles.sha256(shard));
    }
    layout.writeSuccess(shardSums);
    Files.deleteIfExists(marker);
    return new Result(done[0], kept[0], problems);
  }
}
