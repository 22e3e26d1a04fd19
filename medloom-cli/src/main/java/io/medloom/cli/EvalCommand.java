package io.medloom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluates a trained model on a dataset.",
    subcommands = {
      EvalClassifyCommand.class,
      EvalZeroshotCommand.class,
      EvalRetrievalCommand.class,
      EvalProbeCommand.class,
      EvalFewshotCommand.class,
      EvalSegCommand.class,
      EvalLungsCommand.class
    },
    footer = {
      "",
      "Example:",
      "  ./medloom eval classify /tmp/pmn-model /tmp/pmn --splits original"
    })
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "say what to evaluate: classify, zeroshot, retrieval, probe, fewshot or seg");
  }
}
