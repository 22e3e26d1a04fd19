package io.medloom.cli;

import io.medloom.store.DatasetReader;
import io.medloom.store.QueryCopy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Runs SQL (DuckDB dialect) over a dataset; its rows are the table 'samples'.",
      "Prints CSV with a header on stdout."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom query /tmp/m1/dataset \"select split, count(*) from samples group by split\"",
      "  ./medloom query /tmp/m1/dataset \"select id, r.label, r.box from samples, unnest(rois) t(r) limit 5\"",
      "  ./medloom query /tmp/m1/dataset \"select count(*) from samples\" --cache"
    })
final class QueryCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Parameters(index = "1", paramLabel = "SQL", description = "The query.")
  String sql;

  @Option(
      names = "--cache",
      arity = "0..1",
      paramLabel = "DIR",
      fallbackValue = "",
      description = {
        "Query a DuckDB copy of the rows kept in DIR (default $MEDLOOM_CACHE/query, else",
        "~/.cache/medloom/query) instead of every Parquet shard: the first such query makes the",
        "copy (one read of all shards, disk about the dataset's size), later ones skip opening",
        "the shards. Same rows, types and order; a changed dataset is copied anew."
      })
  String cache;

  @Override
  public Integer call() throws Exception {
    try (DatasetReader r =
        cache == null
            ? DatasetReader.open(dataset)
            : DatasetReader.openCopy(
                dataset, cache.isEmpty() ? QueryCopy.defaultRoot() : Path.of(cache))) {
      try {
        r.query(sql, rs -> printCsv(rs, System.out));
      } catch (SQLException e) {
        throw new IllegalArgumentException("query failed: " + e.getMessage(), e);
      }
    }
    return ExitCodes.OK;
  }

  static void printCsv(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append(i > 1 ? "," : "").append(csv(md.getColumnLabel(i)));
    }
    out.println(sb);
    while (rs.next()) {
      sb.setLength(0);
      for (int i = 1; i <= n; i++) {
        Object v = rs.getObject(i);
        String s;
        if (v == null) {
          s = "";
        } else if (v instanceof byte[] b) {
          s = "<" + b.length + " bytes>";
        } else {
          s = String.valueOf(v);
        }
        sb.append(i > 1 ? "," : "").append(csv(s));
      }
      out.println(sb);
    }
  }

  /** RFC 4180 quoting: quote fields with commas, quotes or line breaks. */
  private static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
