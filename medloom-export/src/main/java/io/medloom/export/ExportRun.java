package io.medloom.export;

import io.medloom.store.DatasetReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;

/** The frame every exporter shares: open the dataset, write into an {@link ExportDir}, commit. */
final class ExportRun {
  private ExportRun() {}

  /** The format-specific part: writes files and returns the number of exported samples. */
  @FunctionalInterface
  interface Body {
    long write(DatasetReader dataset, ExportDir dir) throws IOException, SQLException;
  }

  static ExportResult run(String format, Path dataset, Path out, Body body) throws IOException {
    // Open the dataset first: a missing or unfinished dataset should not leave a temp directory.
    try (DatasetReader reader = DatasetReader.open(dataset)) {
      ExportDir dir = ExportDir.begin(out);
      try {
        long n = body.write(reader, dir);
        return dir.commit(n);
      } catch (SQLException e) {
        dir.abandon(e);
        throw new IOException(format + " export of " + dataset + " failed: " + e.getMessage(), e);
      } catch (IOException | RuntimeException | Error e) {
        dir.abandon(e);
        if (e instanceof UncheckedIOException u) {
          throw u.getCause();
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IOException("cannot close dataset " + dataset + ": " + e.getMessage(), e);
    }
  }
}
