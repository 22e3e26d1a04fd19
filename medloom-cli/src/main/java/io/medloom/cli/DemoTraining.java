package io.medloom.cli;

import io.medloom.learn.Preset;
import io.medloom.learn.metrics.ClassifyReport;
import io.medloom.learn.train.ClassifyTraining;
import io.medloom.learn.train.TrainConfig;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The demo's learning step: the {@code tiny} preset trained on the phantom's multilabel {@code
 * findings} (a minute at most on two cores), evaluated on the test split, summarised for {@code
 * summary.md}.
 */
final class DemoTraining {
  private DemoTraining() {}

  static String run(Path dataset, Path model, long seed) throws Exception {
    long t0 = System.nanoTime();
    ClassifyTraining.Result r =
        ClassifyTraining.run(
            new TrainConfig(
                dataset,
                "findings",
                Preset.load("tiny"),
                SplitScheme.MEDLOOM,
                model,
                seed,
                2,
                true),
            TrainProgress.forStderr());
    double secs = (System.nanoTime() - t0) / 1e9;
    StringBuilder sb = new StringBuilder("\n## Learning\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "`./medloom train classify %s --task findings --preset tiny --out %s` trained a small"
                + " CNN (%s, %d px) for %d epochs in %.0f s (%d training, %d validation images).%n",
            dataset.getFileName(),
            model.getFileName(),
            r.info().preset().encoder(),
            r.info().preset().imageSize(),
            r.info().epochsRun(),
            secs,
            r.info().trainSamples(),
            r.info().valSamples()));
    if (r.test().isPresent()) {
      ClassifyReport t = r.test().get();
      sb.append(
          String.format(
              Locale.ROOT,
              "%nTest macro AUROC %.3f (bootstrap 95%% CI %.3f–%.3f) on %d images:%n%n"
                  + "| finding | positives | AUROC |%n|---|---:|---:|%n",
              t.macroAuroc(),
              t.macroAurocCi95()[0],
              t.macroAurocCi95()[1],
              t.samples()));
      for (String c : t.classes()) {
        Double a = t.auroc().get(c);
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %s |%n",
                c,
                t.positives().get(c),
                a == null || a.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", a)));
      }
    }
    return sb.toString();
  }
}
