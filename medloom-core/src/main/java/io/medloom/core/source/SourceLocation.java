package io.medloom.core.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What the LOCATION of {@code KIND:LOCATION} is. Checked before anything is created, so a typo in a
 * path ends a build at once with the path and the fix, not with a half-made output folder.
 */
public enum SourceLocation {
  /** A folder that must exist. */
  DIRECTORY("DIR"),
  /** A file that must exist. */
  FILE("FILE"),
  /** A positive whole number (how many samples to synthesize). */
  COUNT("N"),
  /** An http(s) URL. */
  URL("BASE_URL"),
  /** Anything: the source checks it when it opens. */
  ANY("LOCATION");

  private final String placeholder;

  SourceLocation(String placeholder) {
    this.placeholder = placeholder;
  }

  /** How help writes the location, e.g. {@code DIR}. */
  public String placeholder() {
    return placeholder;
  }

  /**
   * Checks the location of {@code spec}.
   *
   * @throws IllegalArgumentException when the location is malformed (a usage error)
   * @throws SourceException when it names a path that is missing or of the wrong kind
   */
  public void check(SourceSpec spec) throws SourceException {
    String loc = spec.location();
    switch (this) {
      case DIRECTORY, FILE -> checkPath(spec, loc);
      case COUNT -> {
        long n;
        try {
          n = Long.parseLong(loc.strip());
        } catch (NumberFormatException e) {
          n = -1;
        }
        if (n < 1) {
          throw new IllegalArgumentException(
              "source "
                  + spec.name()
                  + ": the location must be a positive count, e.g. "
                  + spec.kind()
                  + ":600");
        }
      }
      case URL -> {
        URI uri;
        try {
          uri = new URI(loc);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(
              "source " + spec.name() + ": not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
          throw new IllegalArgumentException(
              "source "
                  + spec.kind()
                  + ":"
                  + loc
                  + ": the location must be an http(s) URL, e.g. "
                  + spec.kind()
                  + ":http://127.0.0.1:8042/dicom-web");
        }
      }
      case ANY -> {
        // the source checks it
      }
    }
  }

  private void checkPath(SourceSpec spec, String loc) throws SourceException {
    Path p;
    try {
      p = Path.of(loc).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "source " + spec.name() + ": not a valid path (" + e.getReason() + ")");
    }
    String wanted = this == DIRECTORY ? "directory" : "file";
    if (!Files.exists(p)) {
      throw new SourceException(
          "source "
              + spec.name()
              + ": no such "
              + wanted
              + ": "
              + p
              + " (check the path; "
              + spec.kind()
              + ":"
              + placeholder
              + " wants an existing "
              + wanted
              + ")");
    }
    if (this == DIRECTORY && !Files.isDirectory(p)) {
      throw new SourceException(
          "source "
              + spec.name()
              + ": "
              + p
              + " is a file, but "
              + spec.kind()
              + ":DIR wants a directory (give the folder that holds the data)");
    }
    if (this == FILE && Files.isDirectory(p)) {
      throw new SourceException(
          "source "
              + spec.name()
              + ": "
              + p
              + " is a directory, but "
              + spec.kind()
              + ":FILE wants a file");
    }
    if (!Files.isReadable(p)) {
      throw new SourceException(
          "source " + spec.name() + ": cannot read " + p + " (check its permissions)");
    }
  }
}
