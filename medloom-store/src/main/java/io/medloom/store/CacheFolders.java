package io.medloom.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where MedLoom keeps what it can always make again (the viewer's index, the query copy of a
 * dataset's rows), and how such a file is named so that a changed dataset never reads a stale one.
 */
public final class CacheFolders {
  private CacheFolders() {}

  /**
   * The cache folder of one kind when the user names none: {@code $MEDLOOM_CACHE/KIND}, else {@code
   * $XDG_CACHE_HOME/medloom/KIND}, else {@code ~/.cache/medloom/KIND}.
   */
  public static Path defaultRoot(String kind) {
    String own = System.getenv("MEDLOOM_CACHE");
    if (own != null && !own.isBlank()) {
      return Path.of(own, kind);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("medloom").resolve(kind);
  }

  /**
   * The DuckDB file in {@code root} for a dataset whose {@code _SUCCESS} is {@code success}: named
   * by a hash of the cache's format and that file's content, so a rebuilt dataset or a new format
   * gets a new file.
   */
  public static Path duckdbFile(Path root, String format, Path success) throws IOException {
    byte[] content = Files.readAllBytes(success);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(format.getBytes(StandardCharsets.UTF_8));
      sha.update(content);
      return root.resolve(HexFormat.of().formatHex(sha.digest()).substring(0, 32) + ".duckdb");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
