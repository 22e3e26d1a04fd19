package io.medloom.cli;

import io.medloom.learn.seg.SegEvaluation;
import io.medloom.learn.seg.SegReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "seg",
    mixinStandardHelpOptions = true,
    description = {
      "Dice, IoU and HD95 (pixels) of a segmentation model per image of one split, at the stored",
      "image size, with means and bootstrap 95%% intervals; JSON in FILE (default",
      "MODEL/eval/seg.json, keys dice, iou, hd95 each {mean, ci95}) and overlays of the best and",
      "worst case beside it (FILE-best.png, FILE-worst.png)."
    },
    footer = {"", "Example:", "  ./medloom eval seg /tmp/busi-aide /tmp/busi --split test"})
final class EvalSegCommand implements Callable<Integer> {
  @Mixin EvalTarget target;

  @Option(names = "--out", description = "JSON output (default MODEL/eval/seg.json).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path json = out != null ? out : SegEvaluation.defaultOut(target.model);
    SegReport r =
        SegEvaluation.run(target.model, target.dataset, target.split, target.scheme(), json);
    System.out.print(table(r));
    System.out.println("eval: " + json + " (overlays: " + String.join(", ", r.overlays()) + ")");
    return ExitCodes.OK;
  }

  static String table(SegReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "seg on %s: %d images scored (%d without a region, %d blank, of %d)%n",
            r.split(),
            r.samples(),
            r.leftOut(),
            r.blank(),
            r.read()));
    row(sb, "Dice", r.dice());
    row(sb, "IoU", r.iou());
    row(sb, "HD95 px", r.hd95());
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, SegReport.Stat s) {
    sb.append(
        String.format(
            Locale.ROOT, "%-8s %8.4f  [%.4f, %.4f]%n", name, s.mean(), s.ci95()[0], s.ci95()[1]));
  }
}
