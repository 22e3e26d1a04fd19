package io.medloom.cli;

import io.medloom.core.model.Rejection;
import io.medloom.store.DatasetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The MedLoom command line: the only {@code main} of the project. */
@Command(
    name = "medloom",
    mixinStandardHelpOptions = true,
    version = "MedLoom 0.1.0",
    description = "Weaves medical images, regions and text into standardized datasets.",
    subcommands = {
      DemoCommand.class,
      BuildCommand.class,
      InfoCommand.class,
      VerifyCommand.class,
      QueryCommand.class,
      ExportCommand.class,
      TextCommand.class,
      AnnotateCommand.class,
      ServeCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      PredictCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Example:", "  ./medloom demo --out /tmp/m1", "  ./medloom info /tmp/m1/dataset"})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
  }

  /** Runs the command line and returns the exit code, without exiting (tests call this). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof DatasetException || ex instanceof UnusableInputException) {
            cmd.getErr().println("medloom: " + ex.getMessage());
            return ExitCodes.UNUSABLE_INPUT;
          }
          if (ex instanceof IllegalArgumentException) {
            cmd.getErr().println("medloom: " + ex.getMessage());
            return ExitCodes.USAGE;
          }
          cmd.getErr().println("medloom: internal error: " + Rejection.describe(ex));
          ex.printStackTrace(cmd.getErr());
          return ExitCodes.INTERNAL;
        });
    return cl.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
