package io.medloom.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the duplicate pass found on a build's pixels and hashes (exact copies linking patients,
 * confirmed near-duplicate pairs), and the report decided from them and the splits stored at the
 * time.
 *
 * <p>The findings depend on image bytes, hashes and patient keys only; moving patients to their
 * group's split rewrites nothing but the split column. So the checks before {@code _SUCCESS}
 * re-check the rewritten shards by deciding again from the same findings over the splits as now
 * stored ({@link #decide(Path)}: one query over the linked patients' rows), instead of running the
 * whole pass a second time. {@code verify} on a finished dataset still runs the whole pass.
 */
public final class DuplicateFindings {
  private final long exactGroups;
  private final long exactSamples;
  private final List<String[]> links;
  private final List<Duplicates.NearLink> confirmed;
  private final Duplicates.Report report;

  private DuplicateFindings(
      long exactGroups,
      long exactSamples,
      List<String[]> links,
      List<Duplicates.NearLink> confirmed,
      Duplicates.Report report) {
    this.exactGroups = exactGroups;
    this.exactSamples = exactSamples;
    this.links = List.copyOf(links);
    this.confirmed = List.copyOf(confirmed);
    this.report = report;
  }

  /** Nothing found (no shard, or no image). */
  static DuplicateFindings none() {
    return new DuplicateFindings(
        0, 0, List.of(), List.of(), new Duplicates.Report(0, 0, 0, 0, 0, Map.of()));
  }

  /**
   * The findings, decided over the rows of {@code rows} (a table or a parenthesised query with at
   * least the columns id, patient_key and split) on {@code c}.
   */
  static DuplicateFindings decided(
      Connection c,
      String rows,
      long exactGroups,
      long exactSamples,
      List<String[]> links,
      List<Duplicates.NearLink> confirmed)
      throws SQLException {
    DuplicateFindings f = new DuplicateFindings(exactGroups, exactSamples, links, confirmed, null);
    return new DuplicateFindings(exactGroups, exactSamples, links, confirmed, f.decide(c, rows));
  }

  /** The report of the pass, decided over the splits stored when it ran. */
  public Duplicates.Report report() {
    return report;
  }

  /**
   * The same findings decided over the splits stored now in {@code samplesDir}'s shards (rows with
   * a content hash, as the pass reads them): no patient to move once the build moved them.
   */
  public Duplicates.Report decide(Path samplesDir) throws SQLException {
    if (linkedPatients().isEmpty()) {
      return decide(Map.of(), Map.of());
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      return decide(
          c,
          "(SELECT id, patient_key, split FROM read_parquet("
              + ParquetShardWriter.sqlString(samplesDir.resolve("*.parquet"))
              + ") WHERE content_hash IS NOT NULL)");
    }
  }

  /** Every patient a link names: both ends of exact links and of near links between patients. */
  private Set<String> linkedPatients() {
    Set<String> linked = new TreeSet<>();
    links.forEach(l -> linked.addAll(List.of(l[0], l[1])));
    confirmed.stream()
        .filter(l -> !l.a().equals(l.b()))
        .forEach(l -> linked.addAll(List.of(l.a(), l.b())));
    return linked;
  }

  /** What the grouping needs of each linked patient: its smallest sample id and its splits. */
  private Duplicates.Report decide(Connection c, String rows) throws SQLException {
    Set<String> linked = linkedPatients();
    Map<String, String> rank = new HashMap<>();
    Map<String, Set<String>> splitsOf = new HashMap<>();
    if (!linked.isEmpty()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE OR REPLACE TABLE wanted (patient_key VARCHAR)");
        try (org.duckdb.DuckDBAppender app =
            c.unwrap(org.duckdb.DuckDBConnection.class)
                .createAppender(org.duckdb.DuckDBConnection.DEFAULT_SCHEMA, "wanted")) {
          for (String p : linked) {
            app.beginRow().append(p).endRow();
          }
        }
        try (ResultSet rs =
            st.executeQuery(
                "SELECT patient_key, min(id), list(DISTINCT split) FROM "
                    + rows
                    + " h JOIN wanted USING (patient_key) GROUP BY ALL")) {
          while (rs.next()) {
            rank.put(rs.getString(1), rs.getString(2));
            TreeSet<String> splits = new TreeSet<>();
            for (Object s : (Object[]) rs.getArray(3).getArray()) {
              splits.add(String.valueOf(s));
            }
            splitsOf.put(rs.getString(1), splits);
          }
        }
      }
    }
    return decide(rank, splitsOf);
  }

  private Duplicates.Report decide(Map<String, String> rank, Map<String, Set<String>> splitsOf) {
    return Duplicates.decide(exactGroups, exactSamples, links, confirmed, rank, splitsOf);
  }
}
