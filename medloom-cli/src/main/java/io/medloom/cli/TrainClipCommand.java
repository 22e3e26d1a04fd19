package io.medloom.cli;

import io.medloom.learn.Preset;
import io.medloom.learn.clip.ClipConfig;
import io.medloom.learn.clip.ClipLoss;
import io.medloom.learn.clip.TextMarks;
import io.medloom.learn.clip.TorchScriptInit;
import io.medloom.learn.train.ClipTraining;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "clip",
    mixinStandardHelpOptions = true,
    description = {
      "Vision–language pre-training on image–text pairs (report sections, captions, or texts",
      "composed from labels): a WordPiece vocabulary trained on the dataset's texts, the preset's",
      "image encoder and a text transformer, fitted with --loss clip (symmetric InfoNCE),",
      "cxr-clip (two views and two texts per study, + image-image and text-text terms) or asg",
      "(+ finding-tag head and soft-label targets). The best validation epoch is kept;",
      "re-running the same command after an interruption resumes from the last checkpoint."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom train clip /tmp/m2 --preset tiny --loss cxr-clip --epochs 8 --out /tmp/m2-clip",
      "  ./medloom eval zeroshot /tmp/m2-clip /tmp/m2 --task findings"
    })
final class TrainClipCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(
      names = "--preset",
      defaultValue = "tiny",
      description = "tiny, small, resnet18 or a JSON file (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(
      names = "--loss",
      defaultValue = "clip",
      description = "clip, cxr-clip or asg (default ${DEFAULT-VALUE}).")
  String loss;

  @Mixin PresetOverrides overrides;

  @Option(
      names = "--max-tokens",
      defaultValue = "64",
      description = "Tokens per text (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(
      names = "--vocabulary",
      defaultValue = "4000",
      description = "WordPiece vocabulary size limit (default ${DEFAULT-VALUE}).")
  int vocabulary;

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

  @Option(
      names = "--init",
      paramLabel = "torchscript:FILE",
      description = {
        "Start the image tower from a TorchScript module's weights (same layout as the",
        "preset's encoder without a head, e.g. a traced torchvision ResNet-18 without fc)."
      })
  String init;

  @Option(
      names = "--init-text",
      paramLabel = "torchscript:FILE",
      description = "Start the text tower from a TorchScript module of its layout.")
  String initText;

  @Option(
      names = "--hard-negatives",
      negatable = true,
      defaultValue = "false",
      fallbackValue = "true",
      description = {
        "Add to each report a counterfactual as a hard negative text: the report with the",
        "sentences about one finding replaced by one saying the opposite, from the training",
        "reports (NegCLIP's hard negatives; off by default). Composed label texts get none."
      })
  boolean hardNegatives;

  @Option(
      names = "--region-weight",
      defaultValue = "1.0",
      description = {
        "asg: weight of the region-sentence term (regions with a desc.roi description, feature",
        "map pooled in their box, against the sentence; 0 turns it off). Default ${DEFAULT-VALUE}."
      })
  double regionWeight;

  @Option(
      names = "--text-marks",
      defaultValue = "none",
      description = {
        "none, or negation: before tokenizing, every word of a finding the text engine reads as",
        "denied gets the prefix 'neg' and as hedged 'unc' (\"No pleural effusion\" -> \"No",
        "negpleural negeffusion\"), in the vocabulary, training texts, prompts and retrieval",
        "texts alike; the model remembers it. Default ${DEFAULT-VALUE}."
      })
  String textMarks;

  @Override
  public Integer call() throws Exception {
    ClipLoss l = ClipLoss.parse(loss);
    Preset p = overrides.applyTo(Preset.load(preset));
    ClipTraining.Result r =
        ClipTraining.run(
            new ClipConfig(
                dataset,
                p,
                l,
                SplitScheme.parse(splits),
                out,
                seed,
                threads,
                maxTokens,
                vocabulary,
                init == null ? null : TorchScriptInit.parse(init),
                initText == null ? null : TorchScriptInit.parse(initText),
                hardNegatives,
                regionWeight,
                TextMarks.parse(textMarks)),
            TrainProgress.forStderr());
    System.out.printf(
        Locale.ROOT,
        "trained %s (%s): %d epochs (best %d, val CLIP loss %s) in %s -> %s%n",
        l.wireName(),
        p.name(),
        r.info().epochsRun(),
        r.info().bestEpoch(),
        r.info().bestValLoss() == null
            ? "-"
            : String.format(Locale.ROOT, "%.4f", r.info().bestValLoss()),
        TrainProgress.duration(r.info().trainSeconds()),
        r.model());
    return ExitCodes.OK;
  }
}
