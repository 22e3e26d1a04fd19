package io.medloom.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * {@link DuplicateFinder#LOCAL}: the one-process pass ({@link LocalDuplicates}); at the end of a
 * build, the checks re-decide its findings over the rewritten splits rather than run it again.
 */
final class LocalDuplicateFinder implements DuplicateFinder {
  @Override
  public Duplicates.Report find(Path samplesDir) throws SQLException, IOException {
    return LocalDuplicates.find(samplesDir);
  }

  @Override
  public Finished findForBuild(Path samplesDir) throws SQLException, IOException {
    DuplicateFindings found = LocalDuplicates.findings(samplesDir, LocalDuplicates.DIRECT_PAIRS);
    return new Finished(found.report(), found::decide);
  }
}
