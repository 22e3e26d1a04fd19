package io.medloom.export;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a finished MedLoom dataset in another project's layout. Implementations are found with
 * {@link java.util.ServiceLoader} (see {@link Exporters}), so adding a format never touches the
 * CLI.
 */
public interface Exporter {
  /** The name users pass to {@code --format}, e.g. {@code medimeta}. */
  String format();

  /** One line for {@code --help}. */
  String description();

  /**
   * Exports the dataset at {@code dataset} into the new directory {@code out}. {@code out} must not
   * exist or be empty; it appears complete or not at all.
   */
  ExportResult export(Path dataset, Path out) throws IOException;
}
