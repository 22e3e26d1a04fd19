package io.medloom.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.BuildEngine;
import io.medloom.testing.SharedData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed gives the same splits on both engines, also for patients grouped by near
 * duplicates, when each build draws its own key (no {@code --key-file}).
 */
class SparkSplitsTest {
  @TempDir Path tmp;

  @Test
  void busiSplitsAreTheSameOnBothEnginesWithoutASharedKey() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT");
    Map<String, String> local = splits(build("local", busi, "local-engine-key-0123456789abcdef"));
    Map<String, String> spark = splits(build("spark", busi, "spark-engine-key-fedcba9876543210"));
    assertThat(local).hasSize(140);
    assertThat(spark).isEqualTo(local);
  }

  private Path build(String engine, Path busi, String key) throws Exception {
    Path out = tmp.resolve(engine);
    BuildConfig cfg =
        new BuildConfig(
            List.of(SourceSpec.parse("seg:" + busi)),
            out,
            64,
            2,
            0.1,
            0.2,
            2,
            48,
            1L << 28,
            Optional.of(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            "busi");
    BuildEngine.named(engine)
        .run(
            cfg, engine.equals("spark") ? Map.of("master", "local[2,4]") : Map.of(), Progress.NONE);
    return out;
  }

  private static Map<String, String> splits(Path dataset) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, split FROM read_parquet('"
                    + dataset.resolve("samples").toString().replace("'", "''")
                    + "/*.parquet')")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }
}
