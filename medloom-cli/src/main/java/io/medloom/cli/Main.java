package io.medloom.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The MedLoom command line: the only {@code main} of the project. */
@Command(
    name = "medloom",
    mixinStandardHelpOptions = true,
    version = "MedLoom 0.1.0",
    description = "Weaves medical images, regions and text into standardized datasets.",
    footer = {
      "",
      "Exit codes: 0 done (rejected inputs are reported, not fatal), 2 usage error,",
      "3 unusable input (nothing could be read, or a dataset that fails verify),",
      "4 internal error. A failure prints one line; --verbose adds the stack trace.",
      "",
      "Example:",
      "  ./medloom demo --out /tmp/m1",
      "  ./medloom info /tmp/m1/dataset"
    })
public final class Main implements Runnable {
  /**
   * The commands, in the order {@code --help} lists them. Registered by {@link #commandLine} rather
   * than in the annotation, so that a run builds only the command it names: picocli reads every
   * option of every class it is given, and the whole tree costs about 0.4 CPU-seconds of a short
   * process's start (a one-report {@code text label} run costs about 1).
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          DemoCommand.class,
          BuildCommand.class,
          InfoCommand.class,
          VerifyCommand.class,
          QueryCommand.class,
          ExportCommand.class,
          TextCommand.class,
          AnnotateCommand.class,
          QaCommand.class,
          ServeCommand.class,
          TrainCommand.class,
          EvalCommand.class,
          PredictCommand.class,
          MetaCommand.class,
          CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Inherited by every subcommand, so it may follow the command: {@code build ... --verbose}. */
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On an error, print its stack trace after the one-line message.")
  boolean verbose;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a command is needed: one of " + String.join(", ", spec.subcommands().keySet()));
  }

  /**
   * Runs the command line and returns the exit code, without exiting (tests call this). Every
   * failure of every command, errors included, ends in {@link Failures}: one line, the documented
   * exit code, the stack trace only with {@code --verbose}. A plain {@code text label} command line
   * takes {@link TextLabelRoute}, which skips building picocli's model on success.
   */
  public static int run(String... args) {
    Integer direct = TextLabelRoute.tryRun(args);
    if (direct != null) {
      return direct;
    }
    return runCommandLine(args);
  }

  /** {@link #run} through picocli, whatever the command line (the direct route's tests). */
  static int runCommandLine(String... args) {
    ConsoleLog.install();
    CommandLine cl = commandLine(args);
    cl.setParameterExceptionHandler(Failures::usage);
    cl.setExecutionExceptionHandler(Failures::execution);
    if (cl.getSubcommands().containsKey("build")) {
      SourceKindsHelp.addTo(cl.getSubcommands().get("build"));
    }
    try {
      return cl.execute(args);
    } catch (Error e) {
      // Picocli hands only Exceptions to the handler; an Error (out of memory, a stack overflow
      // on hostile input) would otherwise end the JVM with a bare stack trace and exit code 1.
      CommandLine failed = cl;
      CommandLine.ParseResult parsed = cl.getParseResult();
      for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
        failed = p.commandSpec().commandLine();
      }
      return Failures.report(e, failed, Failures.verbose(parsed));
    }
  }

  /**
   * The command tree for {@code args}: when the first argument names a command, only that command
   * (with its own subcommands); otherwise (no command, {@code --help}, {@code help}, a typo) every
   * command, so that help, listings and suggestions see them all.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    Class<?> named = null;
    for (Class<?> c : COMMANDS) {
      if (c != CommandLine.HelpCommand.class && names(c).contains(first)) {
        named = c;
      }
    }
    for (Class<?> c : named == null ? COMMANDS : List.of(named)) {
      cl.addSubcommand(c);
    }
    return cl;
  }

  private static List<String> names(Class<?> command) {
    Command a = command.getAnnotation(Command.class);
    List<String> out = new ArrayList<>(List.of(a.aliases()));
    out.add(a.name());
    return out;
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
