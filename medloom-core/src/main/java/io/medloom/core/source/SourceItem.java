package io.medloom.core.source;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import java.util.Optional;

/**
 * One input a source will read: cheap to list, read later by a worker.
 *
 * @param ordinal position in the source's fixed listing order (0-based); shards are cut on it
 * @param path the input's path relative to the source root (or a synthetic name)
 * @param problem set when listing already found the entry unusable (e.g. an unreadable directory)
 */
public record SourceItem(long ordinal, String path, Optional<String> problem) {
  public SourceItem {
    checkArgument(ordinal >= 0, "ordinal must be >= 0: %s", ordinal);
    notNull(path, "item path");
    notNull(problem, "item problem");
  }

  public static SourceItem of(long ordinal, String path) {
    return new SourceItem(ordinal, path, Optional.empty());
  }
}
