package io.medloom.cli;

import io.medloom.learn.Preset;
import io.medloom.learn.clip.ClipConfig;
import io.medloom.learn.clip.ClipLoss;
import io.medloom.learn.clip.ClipModel;
import io.medloom.learn.clip.Retrieval;
import io.medloom.learn.clip.ZeroShot;
import io.medloom.learn.train.ClipTraining;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's vision–language step: CLIP on the phantom's films and reports with the {@code tiny}
 * preset for {@link #EPOCHS} epochs (about a minute on two cores for the default 600 films), then
 * zero-shot classification of the {@code findings} and image↔report retrieval on the test split,
 * summarised for {@code summary.md}.
 */
final class DemoClip {
  static final int EPOCHS = 3;

  private DemoClip() {}

  static String run(Path dataset, Path model, long seed) throws Exception {
    long t0 = System.nanoTime();
    Preset p = Preset.load("tiny").withEpochs(EPOCHS);
    ClipTraining.Result r =
        ClipTraining.run(
            new ClipConfig(
                dataset,
                p,
                ClipLoss.CLIP,
                SplitScheme.MEDLOOM,
                model,
                seed,
                2,
                ClipConfig.DEFAULT_MAX_TOKENS,
                ClipConfig.DEFAULT_VOCABULARY),
            TrainProgress.forStderr());
    double secs = (System.nanoTime() - t0) / 1e9;
    StringBuilder sb = new StringBuilder("\n## Vision–language\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "`./medloom train clip %s --preset tiny --loss clip --epochs %d --out %s` fitted an"
                + " image tower and a text tower to the films and their reports in %.0f s (%d"
                + " training, %d validation pairs; validation CLIP loss %.3f, chance %.3f).%n",
            dataset.getFileName(),
            EPOCHS,
            model.getFileName(),
            secs,
            r.info().trainSamples(),
            r.info().valSamples(),
            r.info().bestValLoss() == null ? Double.NaN : r.info().bestValLoss(),
            Math.log(Math.min(p.batch(), r.info().valSamples()))));
    try (ClipModel m = ClipModel.load(model)) {
      ZeroShot.Report z = ZeroShot.run(m, dataset, SplitScheme.MEDLOOM, "test", "findings", 2);
      sb.append(
          String.format(
              Locale.ROOT,
              "%nZero-shot (no labels seen; prompts from the training reports), test split, %d"
                  + " films: macro AUROC %.3f, accuracy %.3f.%n%n| finding | positives | AUROC |%n"
                  + "|---|---:|---:|%n",
              z.samples(),
              z.macroAuroc(),
              z.accuracy()));
      for (Map.Entry<String, Double> e : z.auroc().entrySet()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %s |%n",
                e.getKey(),
                z.positives().get(e.getKey()),
                e.getValue() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.getValue())));
      }
      Retrieval.Report rr = Retrieval.run(m, dataset, SplitScheme.MEDLOOM, "test", 2);
      sb.append(
          String.format(
              Locale.ROOT,
              "%nRetrieval, test split (%d films, %d distinct reports): image→report R@1 %.3f,"
                  + " R@10 %.3f (chance %.3f), mean rank %.1f; report→image R@10 %.3f.%n",
              rr.images(),
              rr.texts(),
              rr.i2t().r1(),
              rr.i2t().r10(),
              rr.chanceR10(),
              rr.i2t().meanRank(),
              rr.t2i().r10()));
    }
    return sb.toString();
  }
}
