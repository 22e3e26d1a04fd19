package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command given bad arguments ends with the documented exit code (2 usage, 3 unusable input)
 * and one line on standard error that names the problem, with no stack trace; nothing is left
 * behind by a build that could not start.
 */
class CommandErrorsTest {
  @TempDir static Path tmp;
  static Path dataset;
  static Path reports;
  static Path missing;

  /** Stands for a fresh output folder in each case. */
  static final String OUT = "<out>";

  @BeforeAll
  static void aSmallDataset() throws Exception {
    dataset = tmp.resolve("ds");
    Cli b = Cli.run("build", "--source", "phantom:6", "--out", dataset.toString(), "--size", "32");
    assertThat(b.exitCode()).as(b.err()).isZero();
    reports = tmp.resolve("reports.csv");
    Files.writeString(reports, "uid,findings,impression\n1,No effusion.,Normal.\n");
    missing = tmp.resolve("no-such-thing");
  }

  static Stream<Arguments> badCommandLines() {
    String ds = dataset.toString();
    String nope = missing.toString();
    String o = OUT;
    return Stream.of(
        bad(2, "a command is needed"),
        bad(2, "Unmatched argument", "bulid"),
        bad(2, "Missing required option: '--source", "build", "--out", o),
        bad(2, "KIND:LOCATION", "build", "--source", "folder", "--out", o),
        bad(2, "unknown source kind 'foldr'", "build", "--source", "foldr:" + tmp, "--out", o),
        bad(3, "no such file: " + nope, "build", "--source", "csv:" + nope, "--out", o),
        bad(3, "no such directory: " + nope, "build", "--source", "folder:" + nope, "--out", o),
        bad(3, "no such directory: " + nope, "build", "--source", "nifti:" + nope, "--out", o),
        bad(3, "no such directory: " + nope, "build", "--source", "seg:" + nope, "--out", o),
        bad(3, "no such file: " + nope, "build", "--source", "medmnist:" + nope, "--out", o),
        bad(3, "is a file", "build", "--source", "dicom:" + reports, "--out", o),
        bad(
            2,
            "unknown option 'modalty'; options of folder: task, modality",
            "build",
            "--source",
            "folder:" + tmp + "?modalty=US",
            "--out",
            o),
        bad(2, "positive count", "build", "--source", "phantom:many", "--out", o),
        bad(
            2,
            "option masks must be separate or merged, got 'merge'; did you mean 'merged'?",
            "build",
            "--source",
            "seg:" + tmp + "?masks=merge",
            "--out",
            o),
        bad(
            2,
            "size must be in 8..4096",
            "build",
            "--source",
            "phantom:4",
            "--out",
            o,
            "--size",
            "2"),
        bad(2, "'--size'", "build", "--source", "phantom:4", "--out", o, "--size", "huge"),
        bad(
            2,
            "unknown --engine 'rocket'",
            "build",
            "--source",
            "phantom:4",
            "--out",
            o,
            "--engine",
            "rocket"),
        bad(
            3,
            "--key-file " + nope,
            "build",
            "--source",
            "phantom:4",
            "--out",
            o,
            "--key-file",
            nope),
        bad(2, "Missing required parameter", "info"),
        bad(3, "not a dataset directory: " + nope, "info", nope),
        bad(3, "not a dataset directory: " + nope, "verify", nope),
        bad(2, "unknown source kind 'nosuch'", "verify", ds, "--identifiers-from", "nosuch:x"),
        bad(3, "no such directory", "verify", ds, "--identifiers-from", "folder:" + nope),
        bad(3, "not a dataset directory: " + nope, "query", nope, "select 1"),
        bad(2, "query failed", "query", ds, "selec nothing frm samples"),
        bad(2, "unknown export format 'tiff'", "export", ds, "--format", "tiff", "--out", o),
        bad(3, "not a dataset directory: " + nope, "export", nope, "--format", "hf", "--out", o),
        bad(2, "choose label or triplets", "text"),
        bad(3, "no such file or directory: " + nope, "text", "label", "--in", nope, "--out", o),
        bad(
            2,
            "column 'report'",
            "text",
            "triplets",
            "--in",
            reports.toString(),
            "--out",
            o,
            "--columns",
            "report"),
        bad(3, nope, "annotate", nope),
        bad(3, nope, "serve", nope),
        bad(2, "--n must be positive", "demo", "--n", "0", "--out", o));
  }

  private static Arguments bad(int code, String message, String... args) {
    return Arguments.of(String.join(" ", "medloom", String.join(" ", args)), code, message, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommandLines")
  void endsWithOneLineAndTheDocumentedCode(String line, int code, String message, String[] args)
      throws Exception {
    Path out = Files.createTempDirectory(tmp, "case").resolve("out");
    Cli r =
        Cli.run(
            Stream.of(args).map(a -> a.equals(OUT) ? out.toString() : a).toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("standard error").hasSize(1);
    String command = args.length == 0 || args[0].startsWith("bul") ? "" : " " + args[0];
    assertThat(lines.get(0))
        .startsWith("medloom" + command)
        .contains(message)
        .doesNotContain("Exception", "\tat ");
    if (code == ExitCodes.USAGE) {
      assertThat(lines.get(0)).contains("--help");
    }
    assertThat(out).as("nothing is created by a command that fails up front").doesNotExist();
  }

  @Test
  void aBadNumberInASourceOptionIsAUsageError() {
    Cli r =
        Cli.run("build", "--source", "phantom:4?render=big", "--out", tmp.resolve("r").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().filter(l -> l.startsWith("medloom build: ")).toList())
        .singleElement()
        .asString()
        .contains("phantom option render must be a side in pixels in 128..1024", "got 'big'");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void verbosePrintsTheStackTraceAfterTheLine() {
    Path out = tmp.resolve("verbose");
    List<String> args =
        new ArrayList<>(
            List.of("build", "--source", "csv:" + missing, "--out", out.toString(), "--verbose"));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(r.err().lines().findFirst().orElseThrow())
        .startsWith("medloom build: source csv:" + missing);
    assertThat(r.err()).contains("SourceException", "\tat ");
    // Before the command name too: the option is inherited by every command.
    Cli before = Cli.run("--verbose", "info", missing.toString());
    assertThat(before.exitCode()).isEqualTo(ExitCodes.UNUSABLE_INPUT);
    assertThat(before.err()).contains("\tat ");
  }

  @Test
  void aMisspeltOptionSuggestsTheRightOne() {
    Cli r =
        Cli.run(
            "build",
            "--source",
            "seg:" + tmp + "?mask=merged",
            "--out",
            tmp.resolve("m").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("unknown option 'mask'", "did you mean 'masks'?");
  }
}
