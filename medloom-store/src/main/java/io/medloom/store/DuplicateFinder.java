package io.medloom.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Runs the duplicate pass over a dataset's shards. {@link #LOCAL} runs it in one embedded DuckDB on
 * this machine; the Spark engine runs the same pass as distributed stages. Every finder decides
 * groups with {@link Duplicates#decide}, so the same shards give the same report.
 */
@FunctionalInterface
public interface DuplicateFinder {
  /** The pass in one process: every hash in one table. */
  DuplicateFinder LOCAL = new LocalDuplicateFinder();

  Duplicates.Report find(Path samplesDir) throws SQLException, IOException;

  /**
   * The pass at the end of a build, with the finder its checks before {@code _SUCCESS} use once the
   * build moved patients to their group's split. By default that is this finder: the pass runs
   * again. A finder that keeps what it found (see {@link DuplicateFindings}) decides again from it
   * over the rewritten splits, since moving patients changes nothing the pass reads but the split.
   */
  default Finished findForBuild(Path samplesDir) throws SQLException, IOException {
    return new Finished(find(samplesDir), this);
  }

  /** A build's duplicate report, and the finder that re-checks its shards before it finishes. */
  record Finished(Duplicates.Report report, DuplicateFinder recheck) {}
}
