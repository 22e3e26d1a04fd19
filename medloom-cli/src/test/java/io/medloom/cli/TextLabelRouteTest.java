package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct route for {@code text label}: it takes only the plain command lines, and what it does
 * with them (output file, standard output, failures' messages and exit codes) is what picocli's
 * path does.
 */
class TextLabelRouteTest {
  @TempDir Path tmp;

  @Test
  void takesOnlyPlainLabelCommandLines() {
    assertThat(TextLabelRoute.parse(new String[] {"text", "label", "--in", "a.csv", "--out", "b"}))
        .isNotNull();
    TextCommand.LabelCommand c =
        TextLabelRoute.parse(
            new String[] {
              "text",
              "label",
              "--in=a.csv",
              "--out",
              "b",
              "--columns",
              "x,y",
              "--id-column=id",
              "--verbose"
            });
    assertThat(c).isNotNull();
    assertThat(c.input.in).isEqualTo(Path.of("a.csv"));
    assertThat(c.out).isEqualTo(Path.of("b"));
    assertThat(c.input.columns).containsExactly("x", "y");
    assertThat(c.input.idColumn).isEqualTo("id");
    assertThat(
            TextLabelRoute.parse(new String[] {"text", "label", "--in", "a", "--out", "b"})
                .input
                .columns)
        .containsExactly("findings", "impression");
    for (List<String> other :
        List.of(
            List.of("text", "triplets", "--in", "a", "--out", "b"),
            List.of("text", "label", "--help"),
            List.of("text", "label", "--in", "a", "--out", "b", "-h"),
            List.of("text", "label", "--in", "a"),
            List.of("text", "label", "--in", "a", "--out"),
            List.of("text", "label", "--in", "a", "--out", "--columns", "x"),
            List.of("text", "label", "--in", "a", "--in", "c", "--out", "b"),
            List.of("text", "label", "--in", "a", "--out", "b", "--colums", "x"),
            List.of("text", "label", "--in", "a", "--out", "b", "--columns", "x,"),
            List.of("text", "label", "--in", "@args", "--out", "b"),
            List.of("text", "label", "--in", "a", "--out", "b", "extra"),
            List.of("--verbose", "text", "label", "--in", "a", "--out", "b"),
            List.of("text", "label", "--in", "a\0b", "--out", "b"))) {
      assertThat(TextLabelRoute.parse(other.toArray(String[]::new))).as(other.toString()).isNull();
    }
  }

  @Test
  void theRouteAndPicocliWriteTheSameAndFailAlike() throws Exception {
    Path csv = tmp.resolve("r.csv");
    Files.writeString(
        csv,
        "uid,findings,impression\n1,\"No effusion.\nHeart normal.\",Normal.\n2,Cardiomegaly.\n"
            + "3,Small left pleural effusion.,Possible pneumonia.\n",
        StandardCharsets.UTF_8);
    for (List<String> extra : List.of(List.<String>of(), List.of("--id-column", "uid"))) {
      String[] route =
          concat(args("text", "label", "--in", csv.toString(), "--out", tmp + "/a.csv"), extra);
      String[] pico =
          concat(args("text", "label", "--in", csv.toString(), "--out", tmp + "/b.csv"), extra);
      assertThat(TextLabelRoute.parse(route)).isNotNull();
      Run a = run(() -> Main.run(route));
      Run b = run(() -> Main.runCommandLine(pico));
      assertThat(a.code).isZero().isEqualTo(b.code);
      assertThat(a.err).isEqualTo(b.err).contains("row 2: ");
      assertThat(a.out.replace("a.csv", "b.csv")).isEqualTo(b.out);
      assertThat(Files.readString(tmp.resolve("a.csv")))
          .isEqualTo(Files.readString(tmp.resolve("b.csv")));
    }
    // failures: a missing column (usage), a missing input file (unusable input), with --verbose
    for (List<String> bad :
        List.of(
            List.of(
                "text",
                "label",
                "--in",
                csv.toString(),
                "--out",
                tmp + "/c.csv",
                "--columns",
                "nope"),
            List.of("text", "label", "--in", tmp + "/missing.csv", "--out", tmp + "/c.csv"),
            List.of(
                "text",
                "label",
                "--in",
                tmp + "/missing.csv",
                "--out",
                tmp + "/c.csv",
                "--verbose"))) {
      String[] a = bad.toArray(String[]::new);
      assertThat(TextLabelRoute.parse(a)).isNotNull();
      Run r = run(() -> Main.run(a));
      Run p = run(() -> Main.runCommandLine(a));
      assertThat(r.code).isNotZero().isEqualTo(p.code);
      assertThat(r.err.lines().findFirst()).isEqualTo(p.err.lines().findFirst());
      // the stack trace (with --verbose only) has other frames, picocli's or not
      if (bad.contains("--verbose")) {
        assertThat(r.err.lines().count()).isGreaterThan(1);
        assertThat(p.err.lines().count()).isGreaterThan(1);
      } else {
        assertThat(r.err.lines().count()).isEqualTo(p.err.lines().count()).isEqualTo(1);
      }
      assertThat(r.err).startsWith("medloom text label: ");
    }
    assertThat(Files.exists(tmp.resolve("c.csv"))).isFalse();
  }

  private static String[] args(String... a) {
    return a;
  }

  private static String[] concat(String[] a, List<String> b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.size());
    for (int i = 0; i < b.size(); i++) {
      out[a.length + i] = b.get(i);
    }
    return out;
  }

  private record Run(int code, String out, String err) {}

  private static synchronized Run run(java.util.function.IntSupplier body) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = body.getAsInt();
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
  }
}
