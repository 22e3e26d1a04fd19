package io.medloom.cli;

import io.medloom.learn.seg.AideOptions;
import io.medloom.learn.seg.Appearance;
import io.medloom.learn.seg.SegConfig;
import io.medloom.learn.seg.SegEpochRow;
import io.medloom.learn.seg.SegEvaluation;
import io.medloom.learn.seg.SegListener;
import io.medloom.learn.seg.SegPreset;
import io.medloom.learn.seg.SegReport;
import io.medloom.learn.seg.SegTraining;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "seg",
    mixinStandardHelpOptions = true,
    description = {
      "Binary segmentation with a 2-D U-Net (Dice + cross-entropy) on the regions that came from",
      "masks (or those with --roi-label). --method supervised trains on the labelled fraction;",
      "--method aide co-trains two networks that rank each other's clean samples, learn from",
      "flip/rotation pseudo-labels and relabel the worst-fitting samples (AIDE, Nat. Commun. 2021).",
      "--label-fraction keeps the masks of that share of the training patients; --noise corrupts",
      "that share of the kept masks (dilation, erosion, shift or a dropped component). The best",
      "validation-Dice epoch is kept; re-running the same command after an interruption resumes.",
      "The test split is evaluated at the end (as eval seg)."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom train seg /tmp/busi --out /tmp/busi-sup --method supervised --preset tiny",
      "  ./medloom train seg /tmp/busi --out /tmp/busi-aide --method aide --label-fraction 0.1",
      "  ./medloom train seg /tmp/ph --roi-label nodule,mass --out /tmp/ph-aide --method aide --noise 0.3",
      "  ./medloom train seg /tmp/ph --roi-label 'right lung' --roi-label 'left lung' --view PA \\",
      "      --appearance strong --out /tmp/lungs   (lung fields for real films: annotate --roi-model)"
    })
final class TrainSegCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(names = "--out", required = true, description = "Model folder.")
  Path out;

  @Option(
      names = "--method",
      defaultValue = "supervised",
      description = "supervised or aide (default ${DEFAULT-VALUE}).")
  String method;

  @Option(
      names = "--roi-label",
      split = ",",
      description = "Region labels that make the target (default: every region from a mask).")
  List<String> roiLabels;

  @Option(
      names = "--label-fraction",
      defaultValue = "1",
      description = "Share of training patients whose masks are used (default ${DEFAULT-VALUE}).")
  double labelFraction;

  @Option(
      names = "--noise",
      defaultValue = "0",
      description = "Share of the used masks corrupted (default ${DEFAULT-VALUE}).")
  double noise;

  @Option(
      names = "--with-empty",
      description = "Also train and score images without such a region (empty target).")
  boolean withEmpty;

  @Option(
      names = "--preset",
      defaultValue = "tiny",
      description = "tiny or small (default ${DEFAULT-VALUE}).")
  String preset;

  @Option(names = "--widths", split = ",", description = "Channels per U-Net level, e.g. 8,16,32.")
  List<Integer> widths;

  @Mixin PresetOverrides overrides;

  @Option(names = "--warmup-epochs", defaultValue = "20", description = "AIDE E_w (default 20).")
  int warmup;

  @Option(
      names = "--update-every",
      defaultValue = "10",
      description = "AIDE label update interval after warm-up, epochs (default 10).")
  int updateEvery;

  @Option(
      names = "--update-fraction",
      defaultValue = "0.25",
      description =
          "AIDE share of the training samples (lowest Dice first) whose labels an update may"
              + " replace; expert labels and empty predictions are skipped (default 0.25).")
  double updateFraction;

  @Option(
      names = "--clean-fraction",
      defaultValue = "0.5",
      description = "AIDE share of a batch treated as clean (default 0.5).")
  double cleanFraction;

  @Option(
      names = "--consistency-weight",
      defaultValue = "10",
      description = "AIDE weight of the consistency term (default 10).")
  double consistencyWeight;

  @Option(
      names = "--augmentations",
      defaultValue = "4",
      description = "AIDE flip/rotation copies per pseudo-label (default 4).")
  int augmentations;

  @Option(
      names = "--rotation",
      description = {
        "AIDE pseudo-label rotation range, ± degrees (default: the training augmentation's,",
        "10 for the standard appearance, 8 for strong; AIDE's scripts use 60)."
      })
  Double rotation;

  @Option(
      names = "--aide-lr-factor",
      defaultValue = "0.1",
      description = "AIDE trains at this share of --lr (default 0.1, as AIDE's scripts).")
  double aideLrFactor;

  @Option(
      names = "--aide-from-scratch",
      description = {
        "AIDE's two networks start from two random initialisations (AIDE's breast script)",
        "instead of the supervised model's weights (its kidney script; the default)."
      })
  boolean aideFromScratch;

  @Option(
      names = "--aide-starts",
      defaultValue = "2",
      description = {
        "2: network 2 and its labels start from a second supervised model trained with the",
        "seed + 1 (OUT/init2), so the two networks start with different errors (AIDE's breast",
        "script also starts its networks differently); 1: both from one (default ${DEFAULT-VALUE})."
      })
  int aideStarts;

  @Option(
      names = "--splits",
      defaultValue = "medloom",
      description = "medloom (the patient-disjoint split column) or original (the source's own).")
  String splits;

  @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--view",
      paramLabel = "VIEW",
      description = "Train only on images of this view (repeatable, e.g. --view PA --view AP).")
  List<String> views;

  @Option(
      names = "--appearance",
      defaultValue = "standard",
      paramLabel = "standard|strong",
      description = {
        "How strongly each training image's look is randomised (default ${DEFAULT-VALUE}).",
        "strong: zoom-out, wide crop, contrast, gamma, CLAHE, blur and noise, and each image",
        "standardised on its own: for a model trained on the phantom and applied to real films."
      })
  String appearance;

  @Option(names = "--no-test", description = "Skip the test-split evaluation at the end.")
  boolean noTest;

  @Override
  public Integer call() throws Exception {
    SegPreset p =
        SegPreset.of(preset)
            .with(widths, overrides.imageSize, overrides.batch, overrides.epochs, overrides.lr);
    AideOptions aide =
        new AideOptions(
            warmup,
            updateEvery,
            updateFraction,
            cleanFraction,
            consistencyWeight,
            augmentations,
            rotation != null ? rotation : Appearance.parse(appearance).rotationDegrees(),
            aideLrFactor,
            aideFromScratch,
            aideStarts);
    SplitScheme scheme = SplitScheme.parse(splits);
    SegConfig c =
        new SegConfig(
            dataset,
            out,
            method,
            p,
            scheme,
            roiLabels == null ? Set.of() : Set.copyOf(roiLabels),
            labelFraction,
            noise,
            withEmpty,
            aide,
            seed,
            views == null ? Set.of() : Set.copyOf(views),
            Appearance.parse(appearance));
    SegTraining.Result r = SegTraining.run(c, listener());
    System.out.printf(
        Locale.ROOT,
        "trained seg (%s): %d epochs (best %d, net %d, val Dice %.4f) in %s -> %s%n",
        method,
        r.info().epochsRun(),
        r.info().bestEpoch(),
        r.info().bestNet(),
        r.info().bestValDice(),
        TrainProgress.duration(r.info().trainSeconds()),
        r.model());
    if (!noTest && hasSplit(scheme, "test")) {
      Path json = SegEvaluation.defaultOut(out);
      SegReport t = SegEvaluation.run(out, dataset, "test", scheme, json);
      System.out.print(EvalSegCommand.table(t));
      System.out.println("eval: " + json);
    }
    return ExitCodes.OK;
  }

  private boolean hasSplit(SplitScheme scheme, String split) throws java.io.IOException {
    return Files.isDirectory(dataset)
        && io.medloom.store.read.SampleReader.count(dataset, scheme, split) > 0;
  }

  static SegListener listener() {
    return new SegListener() {
      @Override
      public void message(String text) {
        System.err.println("train: " + text);
      }

      @Override
      public void epochFinished(SegEpochRow r, int epochs) {
        System.err.printf(
            Locale.ROOT,
            "train: epoch %d/%d loss %.4f val Dice %s r %.3f relabelled %d (%.1f s)%n",
            r.epoch(),
            epochs,
            r.trainLoss(),
            Arrays.toString(
                r.valDice().stream().map(d -> String.format(Locale.ROOT, "%.4f", d)).toArray()),
            r.ramp(),
            r.relabelled(),
            r.seconds());
      }
    };
  }
}
