package io.medloom.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The one rule for optional requirements: skip on a user's clone, fail when strict. */
class RequirementsTest {
  private String savedProperty;

  @BeforeEach
  void save() {
    savedProperty = System.getProperty(Requirements.STRICT_PROPERTY);
  }

  @AfterEach
  void restore() {
    if (savedProperty == null) {
      System.clearProperty(Requirements.STRICT_PROPERTY);
    } else {
      System.setProperty(Requirements.STRICT_PROPERTY, savedProperty);
    }
  }

  /** Strictness the environment imposes whatever the property says (CI=true on CI). */
  private static boolean strictByEnvironment() {
    System.setProperty(Requirements.STRICT_PROPERTY, "false");
    return Requirements.strict();
  }

  @Test
  void thePomPassesTheSwitchToEveryTestJvm() {
    // pom.xml: <medloom.requireSharedData> in surefire's systemPropertyVariables.
    assertThat(savedProperty).isIn("true", "false");
  }

  @Test
  void theSystemPropertyMakesAMissingRequirementAFailure() {
    System.setProperty(Requirements.STRICT_PROPERTY, "true");
    assertThat(Requirements.strict()).isTrue();
    Throwable t = catchThrowable(() -> Requirements.require(false, "widget missing", "get one"));
    assertThat(t)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("widget missing (get one); required because");
  }

  @Test
  void withoutAnySwitchAMissingRequirementSkips() {
    boolean env = strictByEnvironment();
    Throwable t = catchThrowable(() -> Requirements.require(false, "widget missing", "get one"));
    if (env) {
      // CI=true or MEDLOOM_REQUIRE_SHARED_DATA=true, and the message says which.
      assertThat(t)
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("required because");
    } else {
      assertThat(t).isInstanceOf(TestAbortedException.class).hasMessage("widget missing (get one)");
    }
  }

  @Test
  void aMetRequirementDoesNothing() {
    System.setProperty(Requirements.STRICT_PROPERTY, "true");
    Requirements.require(true, "widget missing", "get one");
  }

  @Test
  void everyKindOfRequirementFollowsTheSameRule() {
    System.setProperty(Requirements.STRICT_PROPERTY, "true");
    List<Throwable> thrown =
        List.of(
            catchThrowable(() -> Requirements.sharedData("no-such-folder-" + System.nanoTime())),
            catchThrowable(() -> Requirements.command("medloom-no-such-command", "no-such-pkg")),
            catchThrowable(() -> Requirements.python("medloom_no_such_module")),
            catchThrowable(
                () -> Requirements.debianFile("no-such-pkg", List.of("/nonexistent/medloom"))));
    assertThat(thrown).allSatisfy(t -> assertThat(t).isInstanceOf(AssertionFailedError.class));
    assertThat(thrown.get(0)).hasMessageContaining("shared data folder missing");
    assertThat(thrown.get(1)).hasMessageContaining("apt-get install no-such-pkg");
    assertThat(thrown.get(2))
        .hasMessageContaining("cannot import medloom_no_such_module")
        .hasMessageContaining("python3-medloom_no_such_module");
    assertThat(thrown.get(3)).hasMessageContaining("[/nonexistent/medloom]");
  }

  @Test
  void commandsAreFoundOnThePath() {
    Path sh = Requirements.command("sh", "dash");
    assertThat(sh).isExecutable();
    assertThat(Requirements.command(sh.toString(), "dash")).isEqualTo(sh);
  }
}
