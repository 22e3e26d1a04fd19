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
  DuplicateFinder LOCAL = Duplicates::find;

  Duplicates.Report find(Path samplesDir) throws SQLException, IOException;
}
