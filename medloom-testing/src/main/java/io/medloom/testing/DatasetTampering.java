package io.medloom.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Damages a finished dataset the way a careless outside tool would — rows changed by SQL and the
 * checksums in {@code _SUCCESS} signed again — so tests can show that {@code verify} still finds
 * what is wrong with the content itself.
 */
public final class DatasetTampering {
  private DatasetTampering() {}

  /** A copy of a dataset directory to damage. */
  public static Path copy(Path from, Path to) throws IOException {
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
    return to;
  }

  /** Applies an SQL UPDATE to every shard, loaded as table {@code s}, and re-signs _SUCCESS. */
  public static void rewriteShards(Path dataset, String update) throws Exception {
    Map<String, String> sums = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        var files = Files.list(dataset.resolve("samples"))) {
      for (Path shard : files.sorted().toList()) {
        st.execute("CREATE OR REPLACE TABLE s AS SELECT * FROM read_parquet(" + sql(shard) + ")");
        st.execute(update);
        Path out = shard.resolveSibling("new.parquet");
        st.execute("COPY s TO " + sql(out) + " (FORMAT parquet)");
        Files.move(out, shard, StandardCopyOption.REPLACE_EXISTING);
        sums.put("samples/" + shard.getFileName(), sha256(shard));
      }
    }
    sums.put("rejects.jsonl", sha256(dataset.resolve("rejects.jsonl")));
    sums.put("dataset.json", sha256(dataset.resolve("dataset.json")));
    Files.write(
        dataset.resolve("_SUCCESS"), new ObjectMapper().writeValueAsBytes(Map.of("sha256", sums)));
  }

  private static String sql(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
