package io.medloom.server;

import io.medloom.store.CacheFolders;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the viewer keeps a dataset's grid index between starts: one DuckDB file per dataset content
 * in a cache folder (never inside the dataset, which may be read-only or shared). The file is named
 * by a hash of the dataset's {@code _SUCCESS}, which lists a checksum of every shard and of {@code
 * dataset.json}: a rebuilt or re-annotated dataset has another name and is indexed anew, a copy of
 * the same dataset finds the index already made.
 */
final class IndexCache {
  /** Changes whenever the tables in the file change, so older files are never read. */
  static final String FORMAT = "viewer-index-2";

  private IndexCache() {}

  /**
   * The cache folder when none is given: {@code $MEDLOOM_CACHE/viewer}, else {@code
   * $XDG_CACHE_HOME/medloom/viewer}, else {@code ~/.cache/medloom/viewer}.
   */
  static Path defaultRoot() {
    return CacheFolders.defaultRoot("viewer");
  }

  /** The index file for the dataset at {@code dataset} in the cache folder {@code root}. */
  static Path file(Path root, Path dataset) throws IOException {
    return CacheFolders.duckdbFile(root, FORMAT, dataset.resolve("_SUCCESS"));
  }
}
