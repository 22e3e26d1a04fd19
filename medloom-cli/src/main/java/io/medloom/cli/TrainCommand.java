package io.medloom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Trains a model on a dataset.",
    subcommands = {TrainClassifyCommand.class, TrainClipCommand.class, TrainSegCommand.class},
    footer = {
      "",
      "Example:",
      "  ./medloom train classify /tmp/pmn --task pneumoniamnist --splits original --out /tmp/pmn-model"
    })
final class TrainCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "say what to train: classify, clip or seg");
  }
}
