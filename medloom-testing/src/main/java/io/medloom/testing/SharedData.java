package io.medloom.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real open datasets in {@code ../shared/data} (beside the repository). Tests that need them
 * call {@link #require(String)}: on a user's fresh clone without the folder the test is skipped;
 * under CI it fails instead, so CI always runs them ({@link Requirements} holds the rule).
 */
public final class SharedData {
  private SharedData() {}

  /** The shared data root: {@code MEDLOOM_SHARED_DATA}, or {@code ../shared/data} from the repo. */
  public static Path root() {
    String env = System.getenv("MEDLOOM_SHARED_DATA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path dir = Path.of("").toAbsolutePath();
    // Tests run in a module directory; walk up to the repository root (the one with mvnw).
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    Path base = dir == null ? Path.of("").toAbsolutePath() : dir;
    return base.resolve("../shared/data").normalize();
  }

  /** Same as {@link Requirements#strict()}: the one switch for every optional requirement. */
  public static boolean required() {
    return Requirements.strict();
  }

  /**
   * The folder {@code name} of the shared data; skips (or, when requirements are strict, fails)
   * when missing. Same as {@link Requirements#sharedData(String)}.
   */
  public static Path require(String name) {
    return Requirements.sharedData(name);
  }
}
