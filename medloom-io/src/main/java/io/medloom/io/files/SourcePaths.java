package io.medloom.io.files;

import io.medloom.core.source.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a source may read from: its own folder, unless the user says otherwise. A path written in
 * the data (a CSV cell, a metadata row) or a link met while walking could otherwise make a build
 * read files from anywhere on the machine — another patient collection, a key file — and put them
 * into a dataset that gets shared. So by default a path must be relative, must not climb out with
 * {@code ..}, and must not be a link whose target lies outside the folder; each such input is
 * rejected with the reason. The source option {@code files=anywhere} lifts this for collections
 * that are legitimately spread out (absolute paths in a CSV, a folder of links into a cache).
 */
public final class SourcePaths {
  /** The source option that chooses the policy: {@code inside} (default) or {@code anywhere}. */
  public static final String OPTION = io.medloom.core.source.SourceProvider.FILES_OPTION;

  static final String HINT = " (the source option files=anywhere allows it)";

  private final Path root;
  private final boolean anywhere;
  private volatile Path realRoot;

  private SourcePaths(Path root, boolean anywhere) {
    this.root = root.toAbsolutePath().normalize();
    this.anywhere = anywhere;
  }

  /** The policy the spec asks for, over {@code root}. */
  public static SourcePaths of(Path root, SourceSpec spec) {
    String v = spec.option(OPTION, "inside").toLowerCase(Locale.ROOT);
    if (!v.equals("inside") && !v.equals("anywhere")) {
      throw new IllegalArgumentException(
          "source option paths must be inside or anywhere, got '" + v + "'");
    }
    return new SourcePaths(root, v.equals("anywhere"));
  }

  /** Reads only inside {@code root}. */
  public static SourcePaths inside(Path root) {
    return new SourcePaths(root, false);
  }

  public Path root() {
    return root;
  }

  public boolean anywhere() {
    return anywhere;
  }

  /** A walk of the root under this policy. */
  public SortedFileWalk walk() {
    return new SortedFileWalk(root, anywhere);
  }

  /**
   * The file a path from the data names, relative to the root; throws naming the rule it breaks. A
   * file that does not exist is returned as is (the caller says "not found").
   */
  public Path resolve(String relative) throws IOException {
    Path given;
    try {
      given = Path.of(relative);
    } catch (InvalidPathException e) {
      throw new IOException("not a usable file path: " + e.getReason());
    }
    if (anywhere) {
      return root.resolve(given).normalize();
    }
    if (given.isAbsolute()) {
      throw new IOException(
          "absolute path in the data: paths must be relative to the source folder" + HINT);
    }
    Path p = root.resolve(given).normalize();
    if (!p.startsWith(root)) {
      throw new IOException("path leads outside the source folder with '..'" + HINT);
    }
    Optional<String> escape = escape(p);
    if (escape.isPresent()) {
      throw new IOException(escape.get());
    }
    return p;
  }

  /**
   * Why reading {@code p} (a path under the root) would leave the source folder through a link, or
   * empty when it stays inside (or the policy allows anything, or {@code p} does not exist).
   */
  public Optional<String> escape(Path p) throws IOException {
    if (anywhere || !Files.exists(p)) {
      return Optional.empty();
    }
    Path real = p.toRealPath();
    return real.startsWith(realRoot())
        ? Optional.empty()
        : Optional.of("symbolic link leads outside the source folder" + HINT);
  }

  private Path realRoot() throws IOException {
    Path r = realRoot;
    if (r == null) {
      r = root.toRealPath();
      realRoot = r;
    }
    return r;
  }
}
