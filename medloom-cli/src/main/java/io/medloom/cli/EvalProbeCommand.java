package io.medloom.cli;

import io.medloom.learn.clip.ClipModel;
import io.medloom.learn.clip.LinearProbe;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Linear probe: the vision–language model's image encoder frozen, a linear head fitted on",
      "each --fraction of the train split (best validation AUROC kept), test AUROC per fraction;",
      "a table on stdout and JSON in FILE (default MODEL/eval/probe.json)."
    },
    footer = {
      "",
      "Example:",
      "  ./medloom eval probe /tmp/m2-clip /tmp/m2 --task findings --fraction 0.01,0.1,1"
    })
final class EvalProbeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder (from train clip).")
  Path model;

  @Parameters(index = "1", paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(names = "--task", required = true, description = "Task to probe.")
  String task;

  @Option(
      names = "--fraction",
      split = ",",
      defaultValue = "0.01,0.1,1",
      description = "Fractions of the train split (default ${DEFAULT-VALUE}).")
  List<Double> fractions;

  @Option(
      names = "--splits",
      defaultValue = "medloom",
      description = "medloom (the split column) or original (the source's own).")
  String splits;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the subsets.")
  long seed;

  @Option(names = "--out", description = "JSON output (default MODEL/eval/probe.json).")
  Path out;

  @Option(names = "--threads", defaultValue = "2", description = "Loader threads.")
  int threads;

  @Override
  public Integer call() throws Exception {
    Path json = out != null ? out : ClipEvalOutput.defaultOut(model, "probe");
    try (ClipModel m = ClipModel.load(model)) {
      LinearProbe.Report r =
          LinearProbe.run(m, dataset, SplitScheme.parse(splits), task, fractions, seed, threads);
      ClipEvalOutput.write(json, ClipEvalOutput.json(r));
      System.out.print(ClipEvalOutput.table(r));
    }
    System.out.println("eval: " + json);
    return ExitCodes.OK;
  }
}
