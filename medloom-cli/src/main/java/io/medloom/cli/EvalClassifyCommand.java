package io.medloom.cli;

import io.medloom.learn.metrics.ClassifyReport;
import io.medloom.learn.train.ClassifyEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Per-class AUROC with bootstrap 95%% intervals, macro AUROC, accuracy, balanced accuracy,",
      "F1 and the confusion matrix of a classifier on one split; a table on stdout, JSON in FILE",
      "(default MODEL/eval/classify.json) and a ROC plot beside it (FILE-roc.png)."
    },
    footer = {
      "",
      "Example:",
      "  ./medloom eval classify /tmp/pmn-model /tmp/pmn --split test --splits original"
    })
final class EvalClassifyCommand implements Callable<Integer> {
  @Mixin EvalTarget target;

  @Option(names = "--out", description = "JSON output (default MODEL/eval/classify.json).")
  Path out;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Loader threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    Path json = out != null ? out : ClassifyEvaluation.defaultOut(target.model);
    ClassifyReport r =
        ClassifyEvaluation.run(
            target.model, target.dataset, target.split, target.scheme(), json, threads);
    System.out.print(table(r));
    System.out.println("eval: " + json + " (ROC: " + ClassifyEvaluation.rocPath(json) + ")");
    return ExitCodes.OK;
  }

  /** The report as a plain-text table. */
  static String table(ClassifyReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%s (%s) on %s: %d samples%n",
            r.task(),
            r.target(),
            r.split(),
            r.samples()));
    if (r.auroc() == null) {
      sb.append(
          String.format(Locale.ROOT, "MAE %.4f  RMSE %.4f  R2 %.4f%n", r.mae(), r.rmse(), r.r2()));
      return sb.toString();
    }
    int w = Math.max(5, r.classes().stream().mapToInt(String::length).max().orElse(5));
    sb.append(
        String.format(
            Locale.ROOT,
            "%-" + w + "s  %9s  %6s  %-17s%n",
            "class",
            "positives",
            "AUROC",
            "95% CI"));
    for (String c : r.classes()) {
      double[] ci = r.aurocCi95().get(c);
      sb.append(
          String.format(
              Locale.ROOT,
              "%-" + w + "s  %9d  %6s  %-17s%n",
              c,
              r.positives().get(c),
              num(r.auroc().get(c)),
              ci == null ? "-" : "[" + num(ci[0]) + ", " + num(ci[1]) + "]"));
    }
    double[] mci = r.macroAurocCi95();
    sb.append(
        String.format(
            Locale.ROOT,
            "macro AUROC %s [%s, %s]  accuracy %s  balanced accuracy %s  F1 %s%n",
            num(r.macroAuroc()),
            mci == null ? "-" : num(mci[0]),
            mci == null ? "-" : num(mci[1]),
            num(r.accuracy()),
            num(r.balancedAccuracy()),
            num(r.f1())));
    boolean single = !"multilabel".equals(r.target());
    sb.append(
        single ? "confusion (rows true, columns predicted):\n" : "per class [tn, fp, fn, tp]:\n");
    for (int i = 0; i < r.confusion().size(); i++) {
      List<Long> row = r.confusion().get(i);
      sb.append(String.format(Locale.ROOT, "  %-" + w + "s", r.classes().get(i)));
      row.forEach(v -> sb.append(String.format(Locale.ROOT, " %6d", v)));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String num(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
