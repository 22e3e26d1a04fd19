package io.medloom.cli;

import io.medloom.learn.seg.LungCheck;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "lungs",
    mixinStandardHelpOptions = true,
    description = {
      "A lung model (train seg --roi-label 'right lung' --roi-label 'left lung') on the frontal",
      "films of a dataset without lung masks: the IoU of each predicted lung's box with the",
      "annotated box of the same side (origin=box regions, e.g. from the source option",
      "boxes=FILE), next to the median annotated box placed on every film; and the share of",
      "frontal films whose raw prediction is plausible (two pieces, one each side of the midline,",
      "each 8-35%% of the film and at least 40%% of its height). Writes OUT/lungs.json and an",
      "overlay grid of random films, OUT/lungs-grid.png (right lung red, left blue, boxes green)."
    },
    footer = {
      "",
      "Example:",
      "  ./medloom build --source 'covid-chestxray:/data/covid?boxes=annotations/lung_boxes.json' \\",
      "      --out /tmp/covid",
      "  ./medloom eval lungs /tmp/lungs /tmp/covid --out /tmp/lungs/eval"
    })
final class EvalLungsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "Lung model folder (train seg).")
  Path model;

  @Parameters(index = "1", paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(names = "--out", description = "Output folder (default MODEL/eval).")
  Path out;

  @Option(names = "--grid", defaultValue = "12", description = "Films in the grid (default 12).")
  int gridCount;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the grid's films.")
  long seed;

  @Option(names = "--grid-boxed", description = "Draw the grid from the films with lung boxes.")
  boolean gridBoxed;

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? out : model.resolve("eval");
    LungCheck.Result r = LungCheck.run(model, dataset, dir, gridCount, seed, gridBoxed);
    System.out.printf(
        Locale.ROOT,
        "lungs: %d frontal films, plausible %d (%.1f%%); %d films with lung boxes: box IoU mean"
            + " %.3f (right %.3f, left %.3f), fixed median box %.3f%n",
        r.frontal(),
        r.plausible(),
        100 * r.plausibleShare(),
        r.boxed(),
        r.meanIou(),
        r.meanIouRight(),
        r.meanIouLeft(),
        r.fixedBoxIou());
    if (!r.reasons().isEmpty()) {
      System.out.println("implausible: " + r.reasons());
    }
    System.out.println("eval: " + r.json() + " (grid: " + r.grid() + ")");
    return ExitCodes.OK;
  }
}
