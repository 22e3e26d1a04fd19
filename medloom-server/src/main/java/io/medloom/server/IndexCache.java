package io.medloom.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
    String own = System.getenv("MEDLOOM_CACHE");
    if (own != null && !own.isBlank()) {
      return Path.of(own, "viewer");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("medloom").resolve("viewer");
  }

  /** The index file for the dataset at {@code dataset} in the cache folder {@code root}. */
  static Path file(Path root, Path dataset) throws IOException {
    byte[] success = Files.readAllBytes(dataset.resolve("_SUCCESS"));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(FORMAT.getBytes(StandardCharsets.UTF_8));
      sha.update(success);
      return root.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 32) + ".duckdb");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
