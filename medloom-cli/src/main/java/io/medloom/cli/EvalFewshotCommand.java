package io.medloom.cli;

import io.medloom.learn.fewshot.FewShot;
import io.medloom.learn.fewshot.FewShotChart;
import io.medloom.learn.fewshot.FewShotReport;
import io.medloom.learn.model.ModelFolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "fewshot",
    mixinStandardHelpOptions = true,
    description = {
      "Few-shot benchmark over several datasets (MedIMeta's protocol): for every classification",
      "task, seeded N-way K-shot episodes (patient-disjoint support and query, N = the classes",
      "with enough patients); per method and K, accuracy and AUROC with 95%% intervals. Methods:",
      "proto (prototypes on the frozen encoder), probe (linear probe on the support set),",
      "finetune (the encoder's last stage and a head started as the prototypes, on the support",
      "set, on cached outputs of the frozen stages before it), zeroshot (models with a text",
      "tower), and with --hold-out-domain, meta-proto/meta-probe/meta-finetune: the encoder",
      "first trained on every task of the other domains (one head per task), then adapted to",
      "each episode of the held-out domain (meta-finetune: the adaptation step). Each task also",
      "gets a supervised reference: a probe fitted on its whole train split, scored on test.",
      "Writes FILE (JSON), FILE's .txt table and .png plot of accuracy against shots."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom eval fewshot random:tiny --datasets /tmp/ph /tmp/pmn /tmp/busi /tmp/covid"
          + " --shots 1,5,10 --episodes 100 --out /tmp/fs-random.json",
      "  ./medloom eval fewshot /tmp/m2-clip --datasets /tmp/ph /tmp/pmn /tmp/busi /tmp/covid"
          + " --hold-out-domain 'breast ultrasound' --out /tmp/fs-busi.json"
    })
final class EvalFewshotCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description =
          "A model folder from train clip or train classify (its encoder without the head), or"
              + " random:PRESET (a random encoder, the floor).")
  String model;

  @Option(
      names = "--datasets",
      arity = "1..*",
      required = true,
      paramLabel = "DIR",
      description = "Dataset directories (the meta-dataset).")
  List<Path> datasets;

  @Option(
      names = "--shots",
      split = ",",
      defaultValue = "1,5,10",
      description = "Support rows per class (default ${DEFAULT-VALUE}).")
  List<Integer> shots;

  @Option(names = "--episodes", defaultValue = "100", description = "Episodes per task and K.")
  int episodes;

  @Option(names = "--query", defaultValue = "10", description = "Query rows per class.")
  int query;

  @Option(
      names = "--finetune-episodes",
      defaultValue = "100",
      description =
          "The first episodes that are also fine-tuned (the slowest method; 0 = none;"
              + " default ${DEFAULT-VALUE}, i.e. all of the default 100).")
  int finetuneEpisodes;

  @Option(
      names = "--finetune-steps",
      defaultValue = "10",
      description = "Adam steps on the support set (default ${DEFAULT-VALUE}).")
  int finetuneSteps;

  @Option(
      names = "--finetune-lr",
      defaultValue = "0.002",
      description = "Fine-tuning rate (Adam; default ${DEFAULT-VALUE}).")
  double finetuneLr;

  @Option(
      names = "--hold-out-domain",
      paramLabel = "D",
      description = "Evaluate on domain D only, after meta-training on the other domains.")
  String holdOut;

  @Option(names = "--meta-epochs", defaultValue = "3", description = "Meta-training epochs.")
  int metaEpochs;

  @Option(names = "--seed", defaultValue = "0", description = "Seed: same seed, same numbers.")
  long seed;

  @Option(names = "--out", description = "JSON output (default MODEL/eval/fewshot.json).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path json = out;
    if (json == null) {
      json =
          model.startsWith("random:")
              ? Path.of("fewshot-" + model.replace(':', '-') + ".json")
              : ClipEvalOutput.defaultOut(Path.of(model), "fewshot");
    }
    FewShot.Config c =
        new FewShot.Config(
            model,
            datasets,
            shots,
            episodes,
            query,
            seed,
            Optional.ofNullable(holdOut),
            finetuneEpisodes,
            finetuneSteps,
            finetuneLr,
            metaEpochs);
    FewShotReport.Report r = FewShot.run(c, m -> System.err.println("fewshot: " + m));
    if (r.tasks().isEmpty()) {
      throw new UnusableInputException(
          "no task could be evaluated: " + String.join("; ", r.skipped()));
    }
    String base = json.getFileName().toString().replaceFirst("\\.json$", "");
    Path png = json.resolveSibling(base + ".png");
    Path txt = json.resolveSibling(base + ".txt");
    String table = FewShotReport.table(r);
    ClipEvalOutput.write(json, r);
    ModelFolder.writeAtomically(txt, table.getBytes(StandardCharsets.UTF_8));
    FewShotChart.write(r, png);
    System.out.print(table);
    System.out.println(
        "eval: " + json + " (table " + txt.getFileName() + ", plot " + png.getFileName() + ")");
    return ExitCodes.OK;
  }
}
