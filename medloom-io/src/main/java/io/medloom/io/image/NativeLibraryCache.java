package io.medloom.io.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads a native library shipped inside a jar from a per-user cache, extracting it only the first
 * time. OpenCV's own loader copies its 65 MB library to a new temporary file in every process,
 * which measured 1.4 s of CPU per start: more than a whole build of a hundred films spends in PNG
 * encoding. The cache lives under {@code $XDG_CACHE_HOME/medloom/native} (default {@code
 * ~/.cache/medloom/native}), one folder per jar version; a copy is written to a temporary name and
 * renamed, so a process never loads a half-written file, and a cached file whose size differs from
 * the jar's is written again.
 */
final class NativeLibraryCache {
  private NativeLibraryCache() {}

  /**
   * Loads {@code resource} (a path inside the class path) through the cache; empty when the
   * resource is absent or the cache cannot be written, for the caller to fall back.
   */
  static Optional<Path> load(String resource, String version) {
    try (InputStream probe = NativeLibraryCache.class.getResourceAsStream(resource)) {
      if (probe == null) {
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      Path dir = cacheRoot().resolve(version);
      Path lib = dir.resolve(name);
      long size = resourceSize(resource);
      if (!Files.isRegularFile(lib) || Files.size(lib) != size) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, name, ".part");
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(resource)) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      System.load(lib.toAbsolutePath().toString());
      return Optional.of(lib);
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      return Optional.empty();
    }
  }

  private static long resourceSize(String resource) throws IOException {
    var url = NativeLibraryCache.class.getResource(resource);
    var conn = url.openConnection();
    long size = conn.getContentLengthLong();
    if (size >= 0) {
      return size;
    }
    try (InputStream in = url.openStream()) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private static Path cacheRoot() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("medloom").resolve("native");
  }

  /** The folder name OpenCV's jar uses for this machine, or empty where we do not know it. */
  static Optional<String> openCvPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return Optional.empty();
    }
    return switch (arch) {
      case "amd64", "x86_64" -> Optional.of("linux/x86_64");
      case "aarch64", "arm64" -> Optional.of("linux/ARMv8");
      default -> Optional.empty();
    };
  }
}
