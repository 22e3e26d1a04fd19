package io.medloom.learn.fewshot;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.learn.Djl;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.fewshot.FewShotReport.MetaTrainingInfo;
import io.medloom.learn.nn.Encoders;
import io.medloom.learn.train.AdamOptimizer;
import io.medloom.learn.train.TaskLoss;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Multi-task pre-training across the domains that are not held out (MedIMeta's cross-domain
 * protocol): the encoder to adapt, one head per (dataset, task), batches of one task at a time in
 * turn, each task's loss chosen by its type as in {@code train classify} (softmax cross-entropy for
 * multiclass, binary cross-entropy with positive weights for binary and multilabel). Only the train
 * split is used. The trained encoder, without its heads, is then adapted to the held-out tasks.
 */
final class MetaTraining {
  static final int BATCH = 32;
  static final int MAX_ROWS_PER_TASK = 2000;
  static final float LR = 1e-3f;

  private MetaTraining() {}

  record Result(FrozenEncoder encoder, MetaTrainingInfo info) {}

  /** One task's training rows: ids and dense targets. */
  record TaskData(String key, TargetSpec spec, List<String> ids, List<float[]> targets) {}

  static Result run(
      FrozenEncoder start, List<MetaSource> sources, int epochs, long seed, Consumer<String> log)
      throws IOException {
    long t0 = System.nanoTime();
    List<TaskData> tasks = new ArrayList<>();
    Map<String, float[]> images = new HashMap<>();
    for (MetaSource src : sources) {
      List<TaskData> own = rows(src, seed);
      List<String> ids = new ArrayList<>();
      own.forEach(t -> t.ids().forEach(i -> ids.add(i)));
      List<String> distinct = ids.stream().distinct().filter(i -> !images.containsKey(i)).toList();
      int per = start.channels() * start.imageSize() * start.imageSize();
      for (int from = 0; from < distinct.size(); from += 256) {
        List<String> part = distinct.subList(from, Math.min(distinct.size(), from + 256));
        float[] px = src.images(part, start.imageSize(), start.channels(), start.normalization());
        for (int i = 0; i < part.size(); i++) {
          images.put(
              src.name() + "\u0000" + part.get(i),
              java.util.Arrays.copyOfRange(px, i * per, (i + 1) * per));
        }
      }
      for (TaskData t : own) {
        tasks.add(
            new TaskData(
                t.key(),
                t.spec(),
                t.ids().stream().map(i -> src.name() + "\u0000" + i).toList(),
                t.targets()));
      }
    }
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException(
          "meta-training found no labelled train-split rows in " + sources.size() + " datasets");
    }
    int rowsTotal = tasks.stream().mapToInt(t -> t.ids().size()).sum();
    log.accept(
        String.format(
            Locale.ROOT,
            "meta-training: %d tasks, %d labelled rows, %d epochs",
            tasks.size(),
            rowsTotal,
            epochs));
    Djl.seed(seed);
    SequentialBlock backbone = Encoders.backbone(start.preset());
    MultiHead net = new MultiHead(backbone, tasks.stream().map(t -> t.spec().outputs()).toList());
    List<TaskLoss> losses = tasks.stream().map(MetaTraining::loss).toList();
    AdamOptimizer adam = new AdamOptimizer(true, 1e-4f);
    adam.setLearningRate(LR);
    int s = start.imageSize();
    int c = start.channels();
    int steps = 0;
    double last = Double.NaN;
    try (Model model = Model.newInstance("meta", Device.cpu(), "PyTorch")) {
      model.setBlock(net);
      Shape one = new Shape(1, c, s, s);
      net.initialize(model.getNDManager(), DataType.FLOAT32, one);
      FrozenEncoder.load(backbone, model.getNDManager(), start.parameters());
      try (Trainer trainer =
          model.newTrainer(
              new DefaultTrainingConfig(losses.get(0))
                  .optOptimizer(adam)
                  .optDevices(new Device[] {Device.cpu()}))) {
        trainer.initialize(one);
        for (int epoch = 1; epoch <= epochs; epoch++) {
          List<int[]> orders = new ArrayList<>();
          for (int t = 0; t < tasks.size(); t++) {
            orders.add(shuffled(tasks.get(t).ids().size(), seed, epoch * 1000 + t));
          }
          int[] at = new int[tasks.size()];
          double sum = 0;
          int n = 0;
          boolean any = true;
          while (any) {
            any = false;
            for (int t = 0; t < tasks.size(); t++) {
              if (at[t] >= orders.get(t).length) {
                continue;
              }
              any = true;
              int[] order = orders.get(t);
              int b = Math.min(BATCH, order.length - at[t]);
              if (b < 2) { // batch norm needs two rows
                at[t] = order.length;
                continue;
              }
              sum += step(trainer, tasks.get(t), losses.get(t), t, images, order, at[t], b, c, s);
              n++;
              steps++;
              at[t] += b;
            }
          }
          last = sum / Math.max(1, n);
          log.accept(String.format(Locale.ROOT, "meta-training epoch %d: loss %.4f", epoch, last));
        }
      }
      byte[] params = FrozenEncoder.save(backbone);
      FrozenEncoder out =
          FrozenEncoder.of(
              "meta(" + start.name() + ")", start.preset(), c, start.normalization(), params);
      return new Result(
          out,
          new MetaTrainingInfo(
              sources.stream().map(MetaSource::name).toList(),
              tasks.stream().map(TaskData::key).toList(),
              epochs,
              steps,
              rowsTotal,
              last,
              (System.nanoTime() - t0) / 1e9));
    }
  }

  private static double step(
      Trainer trainer,
      TaskData task,
      TaskLoss loss,
      int head,
      Map<String, float[]> images,
      int[] order,
      int from,
      int b,
      int c,
      int s) {
    int per = c * s * s;
    int k = task.spec().outputs();
    float[] x = new float[b * per];
    float[] y = new float[b * k];
    for (int i = 0; i < b; i++) {
      int r = order[from + i];
      System.arraycopy(images.get(task.ids().get(r)), 0, x, i * per, per);
      System.arraycopy(task.targets().get(r), 0, y, i * k, k);
    }
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDArray xs = m.create(x, new Shape(b, c, s, s));
      NDArray ys = m.create(y, new Shape(b, k));
      double value;
      try (GradientCollector gc = trainer.newGradientCollector()) {
        gc.zeroGradients();
        NDList out = trainer.forward(new NDList(xs));
        NDArray l = loss.evaluate(new NDList(ys), new NDList(out.get(head)));
        gc.backward(l);
        value = l.getFloat();
      }
      trainer.step();
      if (!Double.isFinite(value)) {
        throw new IllegalStateException("the meta-training loss became " + value);
      }
      return value;
    }
  }

  /** The train-split rows of each classification task of a dataset, at most 2000 per task. */
  static List<TaskData> rows(MetaSource src, long seed) throws IOException {
    List<TaskData> out = new ArrayList<>();
    for (Task task : src.reader().info().tasks()) {
      if (task.target() == TaskTarget.REGRESSION
          || task.target() == TaskTarget.SEGMENTATION
          || task.classes().size() < 2) {
        continue;
      }
      TargetSpec spec = TargetSpec.of(task);
      List<String> ids = new ArrayList<>();
      List<float[]> targets = new ArrayList<>();
      for (int p = 0; p < src.reader().size(); p++) {
        SampleRecord r = src.reader().get(p, Set.of(Column.LABELS));
        if (!"train".equals(r.split()) || r.width() == 0) {
          continue;
        }
        for (Label l : r.labels()) {
          if (l.task().equals(task.name()) && spec.usable(l)) {
            ids.add(r.id());
            targets.add(spec.encode(l, 0, 1));
          }
        }
      }
      if (ids.size() > MAX_ROWS_PER_TASK) {
        int[] keep = shuffled(ids.size(), seed, task.name().hashCode());
        List<String> i2 = new ArrayList<>();
        List<float[]> t2 = new ArrayList<>();
        for (int j = 0; j < MAX_ROWS_PER_TASK; j++) {
          i2.add(ids.get(keep[j]));
          t2.add(targets.get(keep[j]));
        }
        ids = i2;
        targets = t2;
      }
      if (ids.size() >= 2) {
        out.add(new TaskData(src.name() + "/" + task.name(), spec, ids, targets));
      }
    }
    return out;
  }

  /**
   * Binary cross-entropy weighs positives by negatives/positives (at most 20), as training does.
   */
  static TaskLoss loss(TaskData t) {
    int k = t.spec().outputs();
    float[] w = new float[k];
    if (t.spec().loss() == TargetSpec.Loss.BINARY_CROSS_ENTROPY) {
      for (int j = 0; j < k; j++) {
        int pos = 0;
        for (float[] y : t.targets()) {
          pos += y[j] > 0.5f ? 1 : 0;
        }
        int neg = t.targets().size() - pos;
        w[j] = pos == 0 ? 1f : Math.min(20f, Math.max(1f, neg / (float) pos));
      }
    }
    return new TaskLoss(t.spec().loss(), w);
  }

  static int[] shuffled(int n, long seed, long salt) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + salt);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }
}
