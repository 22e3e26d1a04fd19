package io.medloom.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real open datasets in {@code ../shared/data} (beside the repository). Tests that need them
 * call {@link #require(String)}: on a user's fresh clone without the folder the test is skipped;
 * under CI ({@code CI=true} or {@code MEDLOOM_REQUIRE_SHARED_DATA=true}) it fails instead, so CI
 * always runs them.
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

  public static boolean required() {
    return "true".equals(System.getenv("CI"))
        || "true".equals(System.getenv("MEDLOOM_REQUIRE_SHARED_DATA"));
  }

  /** The folder {@code name} of the shared data; skips (or, under CI, fails) when missing. */
  public static Path require(String name) {
    Path p = root().resolve(name);
    if (!Files.isDirectory(p)) {
      String msg = "shared data folder missing: " + p;
      if (required()) {
        fail(msg + " (required under CI)");
      }
      assumeTrue(false, msg);
    }
    return p;
  }
}
