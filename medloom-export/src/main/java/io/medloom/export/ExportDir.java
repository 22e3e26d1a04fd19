package io.medloom.export;

import io.medloom.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * An export directory that appears complete or not at all. Files go to a hidden sibling {@code
 * .<name>.tmp-export} (same parent, hence same file system), which one rename turns into {@code
 * out}: a crash leaves no half-written export that looks finished.
 */
final class ExportDir {
  private final Path out;
  private final Path tmp;

  private ExportDir(Path out, Path tmp) {
    this.out = out;
    this.tmp = tmp;
  }

  /** Refuses a non-empty {@code out}, clears a stale temp directory, creates a fresh one. */
  static ExportDir begin(Path out) throws IOException {
    Path abs = out.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new FileAlreadyExistsException(abs.toString(), null, "export target is a file");
    }
    if (Files.isDirectory(abs)) {
      try (Stream<Path> s = Files.list(abs)) {
        List<String> names = s.limit(3).map(p -> p.getFileName().toString()).toList();
        if (!names.isEmpty()) {
          throw new FileAlreadyExistsException(
              abs.toString(),
              null,
              "refusing to export into a non-empty directory (contains e.g. "
                  + names
                  + "); pick a new --out or empty it");
        }
      }
    }
    Path parent = abs.getParent();
    if (parent == null) {
      throw new IOException("cannot export to a file system root: " + abs);
    }
    Files.createDirectories(parent);
    Path tmp = parent.resolve("." + abs.getFileName() + ".tmp-export");
    // A leftover from an interrupted export of the same target: it was never visible as `out`.
    AtomicFiles.deleteTree(tmp);
    Files.createDirectory(tmp);
    return new ExportDir(abs, tmp);
  }

  /** Where files are written until {@link #commit}. */
  Path dir() {
    return tmp;
  }

  Path resolve(String relative) throws IOException {
    Path p = tmp.resolve(relative);
    Files.createDirectories(p.getParent());
    return p;
  }

  /** Renames the temp directory to {@code out}; returns the written files relative to it. */
  ExportResult commit(long samples) throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.walk(tmp)) {
      files =
          s.filter(Files::isRegularFile)
              .map(p -> tmp.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    if (Files.isDirectory(out)) {
      Files.delete(out); // empty (checked in begin); a rename cannot replace a directory portably
    }
    try {
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot rename " + tmp + " to " + out + " atomically", e);
    }
    return new ExportResult(out, samples, files);
  }

  /** Removes the temp directory after a failure, keeping the original error. */
  void abandon(Throwable failure) {
    try {
      AtomicFiles.deleteTree(tmp);
    } catch (IOException | UncheckedIOException e) {
      failure.addSuppressed(e);
    }
  }
}
