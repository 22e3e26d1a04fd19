package io.medloom.cli;

import io.medloom.learn.Preset;
import io.medloom.learn.metrics.ClassifyReport;
import io.medloom.learn.train.ClassifyEvaluation;
import io.medloom.learn.train.ClassifyTraining;
import io.medloom.learn.train.TrainConfig;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Supervised classification of one task: an encoder with a linear head (preset tiny, small,",
      "resnet18 or a JSON file) trained on the train split, the best validation AUROC epoch kept,",
      "then evaluated on the test split. Re-running the same command after an interruption",
      "resumes from the last epoch's checkpoint."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom train classify /tmp/m1/dataset --task findings --preset tiny --out /tmp/m1/model",
      "  ./medloom train classify /tmp/pmn --task pneumoniamnist --preset resnet18 --splits original \\",
      "      --epochs 10 --out /tmp/pmn-resnet18"
    })
final class TrainClassifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(names = "--task", required = true, description = "Task to learn (see ./medloom info).")
  String task;

  @Option(
      names = "--preset",
      defaultValue = "small",
      description = "tiny, small, resnet18 or a JSON file (default ${DEFAULT-VALUE}).")
  String preset;

  @Mixin PresetOverrides overrides;

  @Option(names = "--balanced", description = "Draw training batches class-balanced.")
  boolean balanced;

  @Option(
      names = "--splits",
      defaultValue = "medloom",
      description = "medloom (the patient-disjoint split column) or original (the source's own).")
  String splits;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Loader threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--out", required = true, description = "Model folder.")
  Path out;

  @Override
  public Integer call() throws Exception {
    Preset p = overrides.applyTo(Preset.load(preset));
    if (balanced) {
      p = p.withBalanced(true);
    }
    ClassifyTraining.Result r =
        ClassifyTraining.run(
            new TrainConfig(dataset, task, p, SplitScheme.parse(splits), out, seed, threads, true),
            TrainProgress.forStderr());
    System.out.printf(
        java.util.Locale.ROOT,
        "trained %s: %d epochs (best %d, val AUROC %s)%s in %s -> %s%n",
        r.info().task().name(),
        r.info().epochsRun(),
        r.info().bestEpoch(),
        r.info().bestValAuroc() == null
            ? "-"
            : String.format(java.util.Locale.ROOT, "%.4f", r.info().bestValAuroc()),
        r.info().stoppedEarly() ? ", stopped early" : "",
        TrainProgress.duration(r.info().trainSeconds()),
        r.model());
    if (r.test().isPresent()) {
      ClassifyReport t = r.test().get();
      System.out.print(EvalClassifyCommand.table(t));
      System.out.println("eval: " + ClassifyEvaluation.defaultOut(out));
    }
    return ExitCodes.OK;
  }
}
