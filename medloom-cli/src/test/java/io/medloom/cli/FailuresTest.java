package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.source.SourceException;
import io.medloom.store.DatasetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The central mapping from a failure to an exit code and a one-line message. */
class FailuresTest {
  private static String report(Throwable t, boolean verbose, int[] code) {
    StringWriter sw = new StringWriter();
    CommandLine cmd = Main.commandLine();
    CommandLine build = cmd.getSubcommands().get("build");
    build.setErr(new PrintWriter(sw));
    code[0] = Failures.report(t, build, verbose);
    return sw.toString();
  }

  @Test
  void theFirstKnownCauseDecidesTheCode() {
    assertThat(Failures.exitCode(new IllegalArgumentException("x"))).isEqualTo(2);
    assertThat(Failures.exitCode(new SourceException("x"))).isEqualTo(3);
    assertThat(Failures.exitCode(new DatasetException("x"))).isEqualTo(3);
    assertThat(Failures.exitCode(new UncheckedIOException(new NoSuchFileException("/a"))))
        .isEqualTo(3);
    assertThat(Failures.exitCode(new ExecutionException(new IllegalArgumentException("x"))))
        .isEqualTo(2);
    assertThat(Failures.exitCode(new IOException("No space left on device"))).isEqualTo(4);
    assertThat(Failures.exitCode(new NullPointerException())).isEqualTo(4);
    assertThat(Failures.exitCode(new OutOfMemoryError("Java heap space"))).isEqualTo(4);
  }

  @Test
  void fileSystemErrorsSayWhatHappenedToThePath() {
    int[] code = new int[1];
    String s =
        report(new UncheckedIOException(new NoSuchFileException("/data/x.csv")), false, code);
    assertThat(code[0]).isEqualTo(3);
    assertThat(s.strip())
        .isEqualTo("medloom build: no such file or directory: /data/x.csv (check the path)");
    s = report(new AccessDeniedException("/data/x.csv"), false, code);
    assertThat(s).contains("permission denied: /data/x.csv", "(check its permissions)");
  }

  @Test
  void internalErrorsAreOneLineUnlessVerbose() {
    int[] code = new int[1];
    String s = report(new IllegalStateException("boom\nsecond line"), false, code);
    assertThat(code[0]).isEqualTo(4);
    assertThat(s.lines().toList())
        .containsExactly(
            "medloom build: internal error: IllegalStateException: boom second line"
                + " (run again with --verbose for the stack trace)");
    s = report(new IllegalStateException("boom"), true, code);
    assertThat(s).contains("\tat ");
  }

  @Test
  void outOfMemoryNamesTheFix() {
    int[] code = new int[1];
    String s = report(new OutOfMemoryError("Java heap space"), false, code);
    assertThat(code[0]).isEqualTo(4);
    assertThat(s).contains("out of memory: Java heap space", "MEDLOOM_JAVA_OPTS=-Xmx");
  }

  @Test
  void usageErrorsPointAtTheCommandsHelp() {
    int[] code = new int[1];
    String s = report(new IllegalArgumentException("--n must be positive: 0"), false, code);
    assertThat(code[0]).isEqualTo(2);
    assertThat(s.strip())
        .isEqualTo("medloom build: --n must be positive: 0 (see ./medloom build --help)");
  }
}
