package io.medloom.learn.clip;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.learn.metrics.Auroc;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Zero-shot classification, CXR-CLIP's protocol: each class gets the text engine's prompt sets
 * (every severity × subtype × location phrasing for the five CheXpert competition classes, "X" /
 * "No X" for the others); a set's embeddings are averaged and re-normalised, and the class
 * probability is the softmax of the scaled similarities to the negative and positive prompts. AUROC
 * per class against the labels; accuracy and F1 from the decisions (argmax over classes for
 * single-label tasks, probability above 0.5 for multilabel ones).
 */
public final class ZeroShot {
  private ZeroShot() {}

  /** What {@code eval zeroshot} writes. */
  public record Report(
      String task,
      String split,
      int samples,
      Map<String, Double> auroc,
      double macroAuroc,
      double accuracy,
      Map<String, Double> f1,
      double macroF1,
      Map<String, Integer> positives,
      Map<String, Integer> prompts,
      Map<String, String> promptSource,
      Map<String, Integer> viewSamples,
      Map<String, Map<String, Double>> aurocByView,
      Map<String, Double> textAuroc,
      Map<String, Double> tagAuroc) {}

  /** The group of PA and AP films, reported beside each stored view when a split has both kinds. */
  public static final String FRONTAL = "frontal";

  /** Zero-shot with the dataset's own prompt sets ({@link PromptSets.Source#DATASET}). */
  public static Report run(
      ClipModel model, Path dataset, SplitScheme scheme, String split, String taskName, int threads)
      throws IOException {
    return run(model, dataset, scheme, split, taskName, threads, PromptSets.Source.DATASET);
  }

  public static Report run(
      ClipModel model,
      Path dataset,
      SplitScheme scheme,
      String split,
      String taskName,
      int threads,
      PromptSets.Source source)
      throws IOException {
    try (SampleReader reader = ClipModel.reader(dataset, scheme, split)) {
      Task task =
          reader.info().tasks().stream()
              .filter(t -> t.name().equals(taskName))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "dataset "
                              + dataset
                              + " has no task '"
                              + taskName
                              + "'; tasks: "
                              + reader.info().tasks().stream().map(Task::name).toList()));
      if (task.target() == TaskTarget.REGRESSION || task.target() == TaskTarget.SEGMENTATION) {
        throw new IllegalArgumentException(
            "task '" + taskName + "' is " + task.target().wireName() + "; zero-shot needs classes");
      }
      ClipData data = model.open(reader);
      List<String> classes = List.copyOf(task.classes().values());
      Map<String, PromptSets.ClassSet> sets;
      try (SampleReader train = ClipModel.reader(dataset, scheme, "train")) {
        sets = PromptSets.of(classes, source, train);
      }
      int k = classes.size();
      float[][] posEmb = new float[k][];
      float[][] negEmb = new float[k][];
      Map<String, Integer> promptCounts = new LinkedHashMap<>();
      Map<String, String> promptSource = new LinkedHashMap<>();
      for (int c = 0; c < k; c++) {
        PromptSets.ClassSet set = sets.get(classes.get(c));
        posEmb[c] = mean(model.texts(set.positive()));
        negEmb[c] = mean(model.texts(set.negative()));
        promptCounts.put(classes.get(c), set.positive().size() + set.negative().size());
        promptSource.put(classes.get(c), set.source());
      }
      // Samples with a label for the task only.
      List<Integer> rows = new ArrayList<>();
      List<Label> truth = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        for (Label l : data.labels(i)) {
          if (l.task().equals(taskName)) {
            rows.add(i);
            truth.add(l);
          }
        }
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException(
            "no " + split + " sample of " + dataset + " has a label for task '" + taskName + "'");
      }
      ClipModel.Images images = model.images(data, 64, threads);
      float[][] img = images.embeddings();
      double s = model.scale();
      int n = rows.size();
      double[][] p = new double[k][n];
      boolean[][] y = new boolean[k][n];
      for (int r = 0; r < n; r++) {
        float[] e = img[rows.get(r)];
        for (int c = 0; c < k; c++) {
          double a = s * ClipModel.dot(e, posEmb[c]);
          double b = s * ClipModel.dot(e, negEmb[c]);
          p[c][r] = 1 / (1 + Math.exp(b - a));
          y[c][r] = truth.get(r).indices().contains(c);
        }
      }
      boolean multi = task.target() == TaskTarget.MULTILABEL;
      boolean[][] decided = new boolean[k][n];
      long correct = 0;
      for (int r = 0; r < n; r++) {
        if (multi) {
          for (int c = 0; c < k; c++) {
            decided[c][r] = p[c][r] > 0.5;
            correct += decided[c][r] == y[c][r] ? 1 : 0;
          }
        } else {
          int best = 0;
          for (int c = 1; c < k; c++) {
            best = p[c][r] > p[best][r] ? c : best;
          }
          decided[best][r] = true;
          correct += y[best][r] ? 1 : 0;
        }
      }
      double accuracy = correct / (double) (multi ? (long) n * k : n);
      Map<String, Double> auroc = new LinkedHashMap<>();
      Map<String, Double> f1 = new LinkedHashMap<>();
      Map<String, Integer> positives = new LinkedHashMap<>();
      double aurocSum = 0;
      int aurocCount = 0;
      double f1Sum = 0;
      for (int c = 0; c < k; c++) {
        double a = Auroc.of(p[c], y[c]);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int pc = 0;
        for (int r = 0; r < n; r++) {
          pc += y[c][r] ? 1 : 0;
          tp += decided[c][r] && y[c][r] ? 1 : 0;
          fp += decided[c][r] && !y[c][r] ? 1 : 0;
          fn += !decided[c][r] && y[c][r] ? 1 : 0;
        }
        double f = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        positives.put(classes.get(c), pc);
        f1.put(classes.get(c), f);
        f1Sum += f;
        auroc.put(classes.get(c), Double.isNaN(a) ? null : a);
        if (!Double.isNaN(a)) {
          aurocSum += a;
          aurocCount++;
        }
      }
      // By view: laterals are harder for a small image tower; the headline above keeps them.
      Map<String, boolean[]> groups = new TreeMap<>();
      boolean[] frontal = new boolean[n];
      boolean anyFrontal = false;
      for (int r = 0; r < n; r++) {
        String v = data.view(rows.get(r));
        v = v.isBlank() ? "unknown" : v;
        groups.computeIfAbsent(v, x -> new boolean[n])[r] = true;
        frontal[r] = FRONTAL_VIEWS.contains(v.toUpperCase(Locale.ROOT));
        anyFrontal |= frontal[r];
      }
      Map<String, Integer> viewSamples = new LinkedHashMap<>();
      Map<String, Map<String, Double>> byView = new LinkedHashMap<>();
      if (groups.size() > 1) {
        if (anyFrontal) {
          groups.put(FRONTAL, frontal);
        }
        for (var g : groups.entrySet()) {
          int count = 0;
          for (boolean b : g.getValue()) {
            count += b ? 1 : 0;
          }
          viewSamples.put(g.getKey(), count);
          byView.put(g.getKey(), aurocs(classes, p, y, g.getValue()));
        }
      }
      return new Report(
          taskName,
          split,
          n,
          auroc,
          aurocCount == 0 ? Double.NaN : aurocSum / aurocCount,
          accuracy,
          f1,
          f1Sum / k,
          positives,
          promptCounts,
          promptSource,
          viewSamples,
          byView,
          textSide(model, data, rows, truth, posEmb, negEmb, classes),
          tagHead(model, images.features(), rows, y, classes));
    }
  }

  /** View positions counted as frontal. */
  static final Set<String> FRONTAL_VIEWS = Set.of("PA", "AP");

  /** AUROC per class over the rows {@code keep} marks (null where a class is all one value). */
  static Map<String, Double> aurocs(
      List<String> classes, double[][] p, boolean[][] y, boolean[] keep) {
    int m = 0;
    for (boolean b : keep) {
      m += b ? 1 : 0;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      double[] pc = new double[m];
      boolean[] yc = new boolean[m];
      int at = 0;
      for (int r = 0; r < keep.length; r++) {
        if (keep[r]) {
          pc[at] = p[c][r];
          yc[at++] = y[c][r];
        }
      }
      double a = m == 0 ? Double.NaN : Auroc.of(pc, yc);
      out.put(classes.get(c), Double.isNaN(a) ? null : a);
    }
    return out;
  }

  /**
   * The text side alone: each sample's own written report, embedded by the text tower, scored
   * against the class's prompt sets as an image would be. A class the tower cannot separate here
   * cannot be separated by any image tower aligned to it. Empty when no sample has a written text.
   */
  static Map<String, Double> textSide(
      ClipModel model,
      ClipData data,
      List<Integer> rows,
      List<Label> truth,
      float[][] posEmb,
      float[][] negEmb,
      List<String> classes) {
    int k = classes.size();
    List<String> texts = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      if (data.written(rows.get(r))) {
        texts.add(data.report(rows.get(r)));
        at.add(r);
      }
    }
    if (texts.isEmpty()) {
      return Map.of();
    }
    float[][] emb = model.texts(texts);
    double s = model.scale();
    int m = texts.size();
    double[][] p = new double[k][m];
    boolean[][] y = new boolean[k][m];
    for (int j = 0; j < m; j++) {
      for (int c = 0; c < k; c++) {
        double a = s * ClipModel.dot(emb[j], posEmb[c]);
        double b = s * ClipModel.dot(emb[j], negEmb[c]);
        p[c][j] = 1 / (1 + Math.exp(b - a));
        y[c][j] = truth.get(at.get(j)).indices().contains(c);
      }
    }
    boolean[] all = new boolean[m];
    java.util.Arrays.fill(all, true);
    return aurocs(classes, p, y, all);
  }

  /**
   * Not zero-shot: ASG's tag head (trained on the finding tags of the training reports' triplets,
   * never on the task's labels) scoring the images, a class by the highest probability of the tags
   * its name maps to. It shows what the image tower learned from the reports without the text tower
   * in between. Empty for models without a tag head; null for a class no tag names.
   */
  static Map<String, Double> tagHead(
      ClipModel model,
      float[][] features,
      List<Integer> rows,
      boolean[][] y,
      List<String> classes) {
    float[][] probs = model.tagProbabilities(features);
    if (probs == null) {
      return Map.of();
    }
    int n = rows.size();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      List<Integer> tags = FindingTags.indices(classes.get(c));
      if (tags.isEmpty()) {
        out.put(classes.get(c), null);
        continue;
      }
      double[] p = new double[n];
      for (int r = 0; r < n; r++) {
        double best = 0;
        for (int t : tags) {
          best = Math.max(best, probs[rows.get(r)][t]);
        }
        p[r] = best;
      }
      double a = Auroc.of(p, y[c]);
      out.put(classes.get(c), Double.isNaN(a) ? null : a);
    }
    return out;
  }

  /** The mean of unit rows, normalised again (CLIP's prompt ensembling). */
  static float[] mean(float[][] rows) {
    float[] m = new float[rows[0].length];
    for (float[] r : rows) {
      for (int i = 0; i < m.length; i++) {
        m[i] += r[i];
      }
    }
    double norm = Math.sqrt(ClipModel.dot(m, m));
    for (int i = 0; i < m.length; i++) {
      m[i] /= (float) Math.max(norm, 1e-12);
    }
    return m;
  }
}
