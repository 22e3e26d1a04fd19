package io.medloom.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param out the export directory
 * @param samples how many dataset samples were exported
 * @param files every written file, relative to {@code out}, with '/' separators, sorted
 */
public record ExportResult(Path out, long samples, List<String> files) {
  public ExportResult {
    if (samples < 0) {
      throw new IllegalArgumentException("sample count must not be negative: " + samples);
    }
    files = List.copyOf(files);
  }
}
