package io.medloom.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The one rule for everything a test needs beyond the JDK and Maven: the real datasets in {@code
 * ../shared/data}, Debian packages (PixelMed, Orthanc, chromium) and Debian's Python with its
 * modules (h5py, numpy, Pillow, PyYAML).
 *
 * <p>When a requirement is missing the test is <em>skipped</em> on a user's clone, and
 * <em>fails</em> when requirements are strict: {@code CI=true}, {@code
 * MEDLOOM_REQUIRE_SHARED_DATA=true} or {@code -Dmedloom.requireSharedData=true} (CI sets them and
 * installs every package, so a test there can never vanish silently).
 *
 * <p>A skip is an exception ({@code TestAbortedException}): resolve requirements <em>before</em>
 * {@code assertThatThrownBy(() -> ...)} or any other code that catches exceptions, never inside the
 * lambda, or the skip is caught and reported as the wrong exception.
 */
public final class Requirements {
  /** Debian's Python (the {@code python3} on PATH may be another one that lacks its packages). */
  public static final Path DEBIAN_PYTHON = Path.of("/usr/bin/python3");

  /** The system property CI passes through Maven (see the parent pom). */
  public static final String STRICT_PROPERTY = "medloom.requireSharedData";

  /** The environment variable that makes requirements strict outside CI. */
  public static final String STRICT_ENV = "MEDLOOM_REQUIRE_SHARED_DATA";

  private static final Map<String, Boolean> PYTHON_MODULES = new ConcurrentHashMap<>();

  private Requirements() {}

  /** Whether a missing requirement fails the test (CI) instead of skipping it. */
  public static boolean strict() {
    return strictBecause() != null;
  }

  /** What made requirements strict, for messages; {@code null} when they are not. */
  static String strictBecause() {
    if (isTrue(System.getenv("CI"))) {
      return "CI=" + System.getenv("CI");
    }
    if (isTrue(System.getenv(STRICT_ENV))) {
      return STRICT_ENV + "=" + System.getenv(STRICT_ENV);
    }
    if (isTrue(System.getProperty(STRICT_PROPERTY))) {
      return "-D" + STRICT_PROPERTY + "=" + System.getProperty(STRICT_PROPERTY);
    }
    return null;
  }

  private static boolean isTrue(String v) {
    if (v == null) {
      return false;
    }
    String s = v.strip().toLowerCase(Locale.ROOT);
    return s.equals("true") || s.equals("1") || s.equals("yes");
  }

  /**
   * Skips the test (or fails it when strict) unless {@code met}.
   *
   * @param what what is missing, e.g. "PixelMed not found in /usr/share/java"
   * @param fix how to get it, e.g. "apt-get install libpixelmed-java"
   */
  public static void require(boolean met, String what, String fix) {
    if (met) {
      return;
    }
    String msg = what + " (" + fix + ")";
    String because = strictBecause();
    if (because != null) {
      throw new AssertionFailedError(msg + "; required because " + because);
    }
    Assumptions.abort(msg);
  }

  /** The folder {@code name} of the shared data ({@link SharedData#root()}). */
  public static Path sharedData(String name) {
    Path p = SharedData.root().resolve(name);
    require(
        Files.isDirectory(p),
        "shared data folder missing: " + p,
        "the real datasets live in ../shared/data beside the repository, or set MEDLOOM_SHARED_DATA");
    return p;
  }

  /**
   * The first of {@code candidates} that exists, as a Debian package installs it.
   *
   * @param pkg the Debian package that provides the file, named in the message
   */
  public static Path debianFile(String pkg, List<String> candidates) {
    for (String c : candidates) {
      if (Files.isRegularFile(Path.of(c))) {
        return Path.of(c);
      }
    }
    require(false, pkg + " is not installed (looked for " + candidates + ")", install(pkg));
    throw new AssertionError("unreachable");
  }

  /** An executable: an absolute path, or a name looked up on PATH. */
  public static Path command(String nameOrPath, String pkg) {
    List<Path> tried = new ArrayList<>();
    if (nameOrPath.contains("/")) {
      tried.add(Path.of(nameOrPath));
    } else {
      String path = System.getenv().getOrDefault("PATH", "");
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          tried.add(Path.of(dir, nameOrPath));
        }
      }
    }
    for (Path p : tried) {
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    require(false, "command " + nameOrPath + " not found", install(pkg));
    throw new AssertionError("unreachable");
  }

  /**
   * Debian's Python with every one of {@code modules} importable (import names, e.g. {@code h5py},
   * {@code numpy}, {@code PIL}, {@code yaml}); the answer is cached per module set.
   */
  public static Path python(String... modules) {
    String imports = String.join(", ", modules);
    boolean ok =
        Files.isExecutable(DEBIAN_PYTHON)
            && PYTHON_MODULES.computeIfAbsent(imports, Requirements::canImport);
    require(
        ok,
        DEBIAN_PYTHON + " cannot import " + imports,
        install(String.join(" ", debianPythonPackages(modules))));
    return DEBIAN_PYTHON;
  }

  private static boolean canImport(String imports) {
    try {
      Process p =
          new ProcessBuilder(DEBIAN_PYTHON.toString(), "-c", "import " + imports)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Debian's package names for Python import names (PIL is python3-pil, yaml python3-yaml). */
  static List<String> debianPythonPackages(String... modules) {
    List<String> out = new ArrayList<>();
    for (String m : modules) {
      out.add("python3-" + m.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static String install(String packages) {
    return "apt-get install " + packages;
  }
}
