package io.medloom.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * A direct route for the plain {@code text label} command line ({@code --in}, {@code --out} and
 * optionally {@code --columns}, {@code --id-column}, {@code --verbose}, each at most once): the
 * same {@link TextCommand.LabelCommand} runs, but without building picocli's command model, which
 * costs a short labeling run more CPU than the JVM's own start (reflection over every option's
 * annotations, run once and so interpreted; about 0.2-0.3 CPU-seconds of a 2.5 CPU-second run on
 * 100,000 reports) and without installing the console log handler (nothing on this path logs).
 * Anything else (help, version, an unknown or repeated option, a missing value, an argument file)
 * goes to picocli as before, and so does a failure's report: the route builds the command model
 * only then, so messages and exit codes are picocli's own.
 */
final class TextLabelRoute {
  /** The options with a value this route takes. */
  private static final List<String> VALUED = List.of("--in", "--out", "--columns", "--id-column");

  private TextLabelRoute() {}

  /** The exit code of the run, or null when the command line is not one this route takes. */
  static Integer tryRun(String[] args) {
    TextCommand.LabelCommand cmd = parse(args);
    if (cmd == null) {
      return null;
    }
    boolean verbose = Arrays.asList(args).contains("--verbose");
    try {
      return cmd.call();
    } catch (Exception | Error e) {
      CommandLine label = Main.commandLine(args).getSubcommands().get("text");
      return Failures.report(e, label.getSubcommands().get("label"), verbose);
    }
  }

  /** The command with its options set, or null to leave the command line to picocli. */
  static TextCommand.LabelCommand parse(String[] args) {
    if (args.length < 2 || !args[0].equals("text") || !args[1].equals("label")) {
      return null;
    }
    java.util.Map<String, String> given = new java.util.HashMap<>();
    boolean verbose = false;
    for (int i = 2; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--verbose")) {
        if (verbose) {
          return null;
        }
        verbose = true;
        continue;
      }
      String name = a;
      String value;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
        value = args[++i];
      } else {
        return null;
      }
      if (value.isEmpty() || value.startsWith("@")) {
        return null;
      }
      // An unknown option, or one given twice, is picocli's to report.
      if (!VALUED.contains(name) || given.putIfAbsent(name, value) != null) {
        return null;
      }
    }
    String in = given.get("--in");
    String out = given.get("--out");
    String columns = given.get("--columns");
    String id = given.get("--id-column");
    if (in == null || out == null) {
      return null;
    }
    List<String> cols = List.of((columns == null ? "findings,impression" : columns).split(",", -1));
    if (cols.contains("")) {
      return null;
    }
    TextCommand.LabelCommand cmd = new TextCommand.LabelCommand();
    cmd.input = new TextCommand.Input();
    try {
      cmd.input.in = Path.of(in);
      cmd.out = Path.of(out);
    } catch (InvalidPathException e) {
      return null;
    }
    cmd.input.columns = new java.util.ArrayList<>(cols);
    cmd.input.idColumn = id;
    return cmd;
  }
}
