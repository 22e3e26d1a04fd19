package io.medloom.learn.train;

import io.medloom.learn.data.Examples;
import io.medloom.learn.data.Loader;
import io.medloom.learn.metrics.Auroc;
import io.medloom.learn.metrics.ClassifyMetrics;
import io.medloom.learn.metrics.ClassifyReport;
import io.medloom.learn.model.Charts;
import io.medloom.learn.model.Classifier;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.model.ModelInfo;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a trained classifier on a split of a dataset: per-class AUROC with bootstrap 95%
 * intervals, macro AUROC, accuracy, balanced accuracy, F1 and the confusion matrix, written as JSON
 * with a ROC plot beside it ({@code NAME.json} → {@code NAME-roc.png}).
 */
public final class ClassifyEvaluation {
  /** Bootstrap resamples for the AUROC intervals. */
  public static final int RESAMPLES = 1000;

  private ClassifyEvaluation() {}

  /** The default output: {@code MODEL/eval/classify.json}. */
  public static Path defaultOut(Path model) {
    return new ModelFolder(model).eval().resolve("classify.json");
  }

  /** Evaluates on {@code split} if the dataset has it, writing the default output. */
  public static Optional<ClassifyReport> runIfSplitExists(
      ModelFolder folder, Path dataset, String split, SplitScheme scheme) throws IOException {
    if (SampleReader.count(dataset, scheme, split) == 0) {
      return Optional.empty();
    }
    return Optional.of(run(folder.root(), dataset, split, scheme, defaultOut(folder.root()), 2));
  }

  public static ClassifyReport run(
      Path model, Path dataset, String split, SplitScheme scheme, Path out, int loaderThreads)
      throws IOException {
    try (Classifier clf = Classifier.load(new ModelFolder(model));
        SampleReader reader =
            SampleReader.open(
                dataset, scheme, Optional.of(split), EnumSet.of(Column.IMAGE, Column.LABELS))) {
      ModelInfo info = clf.info();
      if (!reader.info().tasks().contains(info.task())) {
        throw new IllegalArgumentException(
            "dataset "
                + dataset
                + " has no task '"
                + info.task().name()
                + "' with the model's classes "
                + info.task().classes().values());
      }
      if (reader.info().inputSize().get(0) != info.channels()) {
        throw new IllegalArgumentException(
            "dataset images have "
                + reader.info().inputSize().get(0)
                + " channels, the model expects "
                + info.channels());
      }
      Examples ex =
          new Examples(
              reader,
              clf.spec(),
              info.preset().imageSize(),
              info.normalization(),
              info.preset().augmentation(),
              false,
              info.seed());
      if (ex.size() == 0) {
        throw new IllegalArgumentException(
            "no sample of split '" + split + "' has a label for task '" + info.task().name() + "'");
      }
      Inference.Outputs outputs;
      try (Loader loader = new Loader(ex, loaderThreads, 2 * loaderThreads + 2)) {
        outputs = Inference.run(clf::logits, loader, info.preset().batch());
      }
      ClassifyReport report =
          ClassifyMetrics.compute(
              clf.spec(),
              split,
              outputs.logits(),
              outputs.targets(),
              info.normalization(),
              RESAMPLES,
              info.seed());
      ModelFolder.writeAtomically(out, ModelFolder.JSON.writeValueAsBytes(report));
      if (report.auroc() != null) {
        double[][] p = ClassifyMetrics.probabilities(clf.spec(), outputs.logits());
        boolean[][] t = ClassifyMetrics.truth(clf.spec(), outputs.targets());
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        List<String> names = clf.spec().classNames();
        // A binary task's two curves are mirror images: plot the positive class only.
        int from = clf.spec().outputs() == 1 && names.size() == 2 ? 1 : 0;
        for (int c = from; c < names.size(); c++) {
          if (report.auroc().get(names.get(c)) == null) {
            continue; // no positive or no negative in this split: no curve
          }
          double[] s = new double[p.length];
          boolean[] y = new boolean[p.length];
          for (int i = 0; i < p.length; i++) {
            s[i] = p[i][c];
            y[i] = t[i][c];
          }
          curves.put(
              String.format(
                  java.util.Locale.ROOT,
                  "%s (AUROC %.3f)",
                  names.get(c),
                  report.auroc().get(names.get(c))),
              Auroc.curve(s, y));
        }
        Charts.roc(curves, info.task().name() + " on " + split, rocPath(out));
      }
      return report;
    }
  }

  /** {@code NAME.json} → {@code NAME-roc.png}. */
  public static Path rocPath(Path json) {
    String name = json.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return json.resolveSibling(base + "-roc.png");
  }
}
