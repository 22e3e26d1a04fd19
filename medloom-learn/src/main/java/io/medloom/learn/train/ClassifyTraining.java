package io.medloom.learn.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.medloom.core.model.Task;
import io.medloom.learn.Djl;
import io.medloom.learn.Preset;
import io.medloom.learn.data.Examples;
import io.medloom.learn.data.HostBatch;
import io.medloom.learn.data.Loader;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.Samplers;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.metrics.ClassifyMetrics;
import io.medloom.learn.metrics.ClassifyReport;
import io.medloom.learn.model.Charts;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.model.ModelInfo;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Supervised classification (MedIMeta's reference baseline): an encoder with a linear head trained
 * on the {@code train} split with Adam/AdamW and a warm-up + cosine schedule, validated on {@code
 * val} after every epoch, the best validation AUROC's weights kept, stopping early after {@code
 * patience} epochs without improvement. Every epoch ends in a checkpoint; running the same
 * configuration into the same folder resumes from it and, the data order and augmentation being
 * seeded by (seed, epoch, slot), finishes as an uninterrupted run would.
 */
public final class ClassifyTraining {
  private ClassifyTraining() {}

  /** What a finished run reports. */
  public record Result(
      Path model, ModelInfo info, List<EpochRow> rows, Optional<ClassifyReport> test) {}

  public static Result run(TrainConfig c, TrainListener listener) throws IOException {
    ModelFolder folder = new ModelFolder(c.out());
    if (folder.finished()) {
      throw new IllegalArgumentException(
          c.out() + " already holds a finished model; choose another --out");
    }
    Djl.engine();
    Preset preset = c.preset();
    EnumSet<Column> cols = EnumSet.of(Column.IMAGE, Column.LABELS);
    try (SampleReader trainReader =
            SampleReader.open(c.dataset(), c.scheme(), Optional.of("train"), cols);
        SampleReader valReader =
            SampleReader.open(c.dataset(), c.scheme(), Optional.of("val"), cols)) {
      Task task = findTask(trainReader, c.task());
      TargetSpec spec = TargetSpec.of(task);
      Examples raw =
          new Examples(
              trainReader,
              spec,
              trainReader.info().inputSize().get(1),
              Normalization.UNIT,
              preset.augmentation(),
              false,
              c.seed());
      if (raw.size() == 0) {
        throw new IllegalArgumentException(
            "no training sample has a label for task '" + task.name() + "'");
      }
      Normalization norm = TrainingStats.normalization(raw);
      float[] posWeights = TrainingStats.positiveWeights(raw);
      Examples train =
          new Examples(
              trainReader, spec, preset.imageSize(), norm, preset.augmentation(), true, c.seed());
      Examples val =
          new Examples(
              valReader, spec, preset.imageSize(), norm, preset.augmentation(), false, c.seed());
      if (val.size() == 0) {
        throw new IllegalArgumentException(
            "no validation sample has a label for task '" + task.name() + "'");
      }
      String hash = TrainingStats.configHash(trainReader.fingerprint(), c);
      ModelInfo info =
          new ModelInfo(
              ModelInfo.FORMAT_VERSION,
              "classify",
              "training",
              task,
              preset,
              new ModelInfo.DatasetRef(
                  trainReader.info().id(),
                  trainReader.info().name(),
                  c.dataset().toAbsolutePath().normalize().toString(),
                  trainReader.fingerprint(),
                  c.scheme().wireName(),
                  trainReader.info().inputSize()),
              train.channels(),
              norm,
              posWeights,
              c.seed(),
              hash,
              train.size(),
              val.size(),
              raw.skipped() + val.skipped(),
              0,
              0,
              null,
              false,
              0);
      listener.message(
          String.format(
              java.util.Locale.ROOT,
              "task %s (%s, %s): %d train, %d val examples; %d without a label left out",
              task.name(),
              task.target().wireName(),
              spec.loss().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
              train.size(),
              val.size(),
              raw.skipped() + val.skipped()));
      Run run = new Run(c, folder, info, spec, train, val, posWeights, listener);
      return run.go();
    }
  }

  private static Task findTask(SampleReader r, String name) {
    return r.info().tasks().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "dataset "
                        + r.root()
                        + " has no task '"
                        + name
                        + "'; tasks: "
                        + r.info().tasks().stream().map(Task::name).toList()));
  }

  /** One training run's moving parts. */
  private static final class Run {
    private final TrainConfig c;
    private final ModelFolder folder;
    private final ModelInfo info;
    private final TargetSpec spec;
    private final Examples train;
    private final Examples val;
    private final TaskLoss loss;
    private final TrainListener listener;
    private final Checkpoints checkpoints;

    Run(
        TrainConfig c,
        ModelFolder folder,
        ModelInfo info,
        TargetSpec spec,
        Examples train,
        Examples val,
        float[] posWeights,
        TrainListener listener) {
      this.c = c;
      this.folder = folder;
      this.info = info;
      this.spec = spec;
      this.train = train;
      this.val = val;
      this.loss = new TaskLoss(spec.loss(), posWeights);
      this.listener = listener;
      this.checkpoints = new Checkpoints(folder);
    }

    Result go() throws IOException {
      Preset p = c.preset();
      int batch = Math.min(p.batch(), train.size());
      int stepsPerEpoch = Math.max(1, train.size() / batch);
      long total = (long) stepsPerEpoch * p.epochs();
      long warmup = Math.min(total - 1, Math.round(p.warmupEpochs() * stepsPerEpoch));
      Schedule schedule = new Schedule(p.lr(), warmup, total);
      Djl.seed(c.seed());
      AdamOptimizer optimizer =
          new AdamOptimizer(p.optimizer().equals("adamw"), (float) p.weightDecay());
      DefaultTrainingConfig tc =
          new DefaultTrainingConfig(loss)
              .optOptimizer(optimizer)
              .optDevices(new Device[] {Device.cpu()});
      int s = p.imageSize();
      try (Model model = Model.newInstance("classifier", Device.cpu(), "PyTorch");
          Loader trainLoader = new Loader(train, c.loaderThreads(), 2 * c.loaderThreads() + 2);
          Loader valLoader = new Loader(val, c.loaderThreads(), 2 * c.loaderThreads() + 2)) {
        model.setBlock(io.medloom.learn.nn.Encoders.classifier(p, spec.outputs()));
        Shape input = new Shape(batch, train.channels(), s, s);
        Optional<Path> last = checkpoints.latest();
        CheckpointState state =
            new CheckpointState(0, 0, 0, null, 0, info.configHash(), 0, List.of());
        if (last.isPresent()) {
          state = checkpoints.state(last.get());
          if (!state.configHash().equals(info.configHash())) {
            throw new IllegalArgumentException(
                c.out()
                    + " holds checkpoints of a different run (dataset, task, preset, seed or"
                    + " splits differ); choose another --out or delete it");
          }
          // Weights go in before the trainer exists: it then adopts them (arrays loaded into an
          // initialised trainer are not the ones it updates).
          model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, input);
          checkpoints.restoreWeights(last.get(), model.getBlock(), model.getNDManager());
        }
        try (Trainer trainer = model.newTrainer(tc)) {
          trainer.initialize(input);
          if (last.isPresent()) {
            checkpoints.restoreOptimizer(
                last.get(), model.getBlock(), optimizer, model.getNDManager());
            listener.message(
                "resuming after epoch " + state.epoch() + " from " + last.get().getFileName());
          }
          folder.write(info);
          List<EpochRow> rows = new ArrayList<>(state.rows());
          boolean stopped = false;
          long startNanos = System.nanoTime();
          double priorSeconds = state.trainSeconds();
          for (int epoch = state.epoch() + 1; epoch <= p.epochs(); epoch++) {
            long t0 = System.nanoTime();
            int[] order =
                p.balanced() && train.classOf(0) >= 0
                    ? Samplers.balanced(classes(train), c.seed(), epoch)
                    : Samplers.shuffled(train.size(), c.seed(), epoch);
            listener.epochStarted(epoch, p.epochs(), stepsPerEpoch);
            Iterator<HostBatch> it = trainLoader.epoch(order, batch, epoch, true);
            double lossSum = 0;
            long seen = 0;
            long step = state.step();
            int done = 0;
            double lr = 0;
            while (it.hasNext()) {
              HostBatch b = it.next();
              lr = schedule.at(step);
              optimizer.setLearningRate((float) lr);
              lossSum += trainStep(trainer, b, s) * b.n();
              seen += b.n();
              step++;
              done++;
              double secs = (System.nanoTime() - t0) / 1e9;
              double perStep = secs / done;
              long left = total - step;
              listener.batch(
                  epoch, done, stepsPerEpoch, lossSum / seen, seen / secs, left * perStep);
            }
            double trainSecs = (System.nanoTime() - t0) / 1e9;
            Validation v = validate(trainer, valLoader, batch);
            double epochSecs = (System.nanoTime() - t0) / 1e9;
            EpochRow row =
                new EpochRow(
                    epoch,
                    lr,
                    lossSum / seen,
                    v.loss,
                    v.auroc,
                    v.accuracy,
                    seen / trainSecs,
                    epochSecs);
            rows.add(row);
            double score = v.score();
            boolean improved = state.bestValAuroc() == null || score > state.bestValAuroc();
            int bestEpoch = improved ? epoch : state.bestEpoch();
            Double best = improved ? score : state.bestValAuroc();
            int sinceBest = improved ? 0 : state.sinceBest() + 1;
            double elapsed = priorSeconds + (System.nanoTime() - startNanos) / 1e9;
            CheckpointState next =
                new CheckpointState(
                    epoch, step, bestEpoch, best, sinceBest, info.configHash(), elapsed, rows);
            checkpoints.write(next, model.getBlock(), optimizer, improved, last);
            last = checkpoints.latest();
            state = next;
            ModelFolder.writeAtomically(folder.log(), EpochRow.csv(rows));
            Charts.curves(rows, info.task().name() + " (" + p.name() + ")", folder.curves());
            listener.epochFinished(row);
            if (p.patience() > 0 && sinceBest >= p.patience() && epoch < p.epochs()) {
              listener.message(
                  "stopping early: no better validation score for " + sinceBest + " epochs");
              stopped = true;
              break;
            }
          }
          Path finalCheckpoint =
              last.orElseThrow(() -> new IllegalStateException("no checkpoint was written"));
          checkpoints.finish(finalCheckpoint);
          ModelInfo done =
              info.finished(
                  state.epoch(),
                  state.bestEpoch(),
                  spec.loss() == TargetSpec.Loss.MEAN_SQUARED_ERROR ? null : state.bestValAuroc(),
                  stopped,
                  state.trainSeconds());
          folder.write(done);
          Optional<ClassifyReport> test = Optional.empty();
          if (c.evaluateTest()) {
            test = ClassifyEvaluation.runIfSplitExists(folder, c.dataset(), "test", c.scheme());
          }
          return new Result(c.out(), done, rows, test);
        }
      }
    }

    private float trainStep(Trainer trainer, HostBatch b, int s) {
      try (NDManager m = trainer.getManager().newSubManager()) {
        NDArray x = m.create(b.images(), new Shape(b.n(), train.channels(), s, s));
        NDArray y = m.create(b.targets(), new Shape(b.n(), spec.outputs()));
        float value;
        try (GradientCollector gc = trainer.newGradientCollector()) {
          // PyTorch adds gradients up across backward passes: start each step from zero, with
          // the reset that also clears NaN (see Gradients).
          Gradients.reset(trainer.getModel().getBlock());
          NDList pred = trainer.forward(new NDList(x));
          NDArray l = loss.evaluate(new NDList(y), pred);
          gc.backward(l);
          value = l.getFloat();
        }
        // Checked before the step, so a non-finite loss never reaches the weights (or Adam's
        // moments) that the next resume would start from.
        if (!Float.isFinite(value)) {
          throw new IllegalStateException(
              "the training loss became " + value + "; lower --lr (now " + c.preset().lr() + ")");
        }
        trainer.step();
        return value;
      }
    }

    private record Validation(double loss, Double auroc, Double accuracy) {
      /** Higher is better: macro AUROC, or the negative loss for regression. */
      double score() {
        return auroc != null ? auroc : -loss;
      }
    }

    private Validation validate(Trainer trainer, Loader loader, int batch) {
      int s = c.preset().imageSize();
      Inference.Outputs out =
          Inference.run(
              (images, n) -> {
                try (NDManager m = trainer.getManager().newSubManager()) {
                  NDArray x = m.create(images, new Shape(n, val.channels(), s, s));
                  float[] flat = trainer.evaluate(new NDList(x)).singletonOrThrow().toFloatArray();
                  return split(flat, n);
                }
              },
              loader,
              batch);
      double valLoss;
      try (NDManager m = trainer.getManager().newSubManager()) {
        NDArray logits =
            m.create(flatten(out.logits()), new Shape(out.logits().length, spec.outputs()));
        NDArray targets =
            m.create(flatten(out.targets()), new Shape(out.targets().length, spec.outputs()));
        valLoss = loss.evaluate(new NDList(targets), new NDList(logits)).getFloat();
      }
      if (spec.loss() == TargetSpec.Loss.MEAN_SQUARED_ERROR) {
        return new Validation(valLoss, null, null);
      }
      ClassifyReport r =
          ClassifyMetrics.compute(
              spec, "val", out.logits(), out.targets(), info.normalization(), 0, 0);
      return new Validation(valLoss, r.macroAuroc(), r.accuracy());
    }
  }

  static float[][] split(float[] flat, int n) {
    int k = flat.length / n;
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
    }
    return out;
  }

  static float[] flatten(float[][] rows) {
    int k = rows.length == 0 ? 0 : rows[0].length;
    float[] out = new float[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * k, k);
    }
    return out;
  }

  private static int[] classes(Examples ex) {
    int[] out = new int[ex.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ex.classOf(i);
    }
    return out;
  }
}
