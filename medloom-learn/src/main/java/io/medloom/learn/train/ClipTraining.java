package io.medloom.learn.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.medloom.learn.Djl;
import io.medloom.learn.Preset;
import io.medloom.learn.clip.ClipBatches;
import io.medloom.learn.clip.ClipConfig;
import io.medloom.learn.clip.ClipData;
import io.medloom.learn.clip.ClipInfo;
import io.medloom.learn.clip.ClipLoss;
import io.medloom.learn.clip.ClipNet;
import io.medloom.learn.clip.ClipSpec;
import io.medloom.learn.clip.FindingTags;
import io.medloom.learn.clip.TextMarks;
import io.medloom.learn.clip.TorchScriptInit;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.Samplers;
import io.medloom.learn.model.Charts;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.model.ModelInfo;
import io.medloom.learn.text.TextTokenizer;
import io.medloom.learn.text.WordPiece;
import io.medloom.store.read.SampleReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Vision–language pre-training (CLIP, CXR-CLIP, ASG) on the {@code train} split: a WordPiece
 * vocabulary is trained on the split's texts first (saved as {@code vocab.txt}), then the two
 * towers are fitted with Adam/AdamW, warm-up and cosine decay. After every epoch the validation
 * CLIP loss (whole report, no augmentation, the same for every objective so runs compare) decides
 * which weights are kept; every epoch ends in a checkpoint, and re-running the same configuration
 * into the same folder resumes from it.
 */
public final class ClipTraining {
  /** Updates skipped for a non-finite loss or gradient before a run gives up. */
  static final int MAX_SKIPPED = 10;

  private ClipTraining() {}

  /** What a finished run reports. */
  public record Result(Path model, ClipInfo info, List<EpochRow> rows) {}

  public static Result run(ClipConfig c, TrainListener listener) throws IOException {
    ModelFolder folder = new ModelFolder(c.out());
    if (Files.exists(folder.info()) && Files.exists(folder.params())) {
      if ("finished".equals(ClipInfo.read(folder).status())) {
        throw new IllegalArgumentException(
            c.out() + " already holds a finished model; choose another --out");
      }
    }
    Djl.engine();
    Preset p = c.preset();
    try (SampleReader trainReader =
            SampleReader.open(c.dataset(), c.scheme(), Optional.of("train"), ClipData.COLUMNS);
        SampleReader valReader =
            SampleReader.open(c.dataset(), c.scheme(), Optional.of("val"), ClipData.COLUMNS)) {
      Normalization norm = normalization(trainReader);
      ClipData train =
          new ClipData(trainReader, p.imageSize(), norm, p.augmentation(), true, c.seed());
      ClipData val =
          new ClipData(valReader, p.imageSize(), norm, p.augmentation(), false, c.seed());
      if (train.size() < 2 || val.size() < 2) {
        throw new IllegalArgumentException(
            c.dataset()
                + ": contrastive training needs at least 2 image–text pairs in train and in val"
                + " (found "
                + train.size()
                + " and "
                + val.size()
                + "; samples need an image and a report, caption or label)");
      }
      String hash = configHash(trainReader.fingerprint(), c);
      Path vocabFile = c.out().resolve(TextTokenizer.FILE);
      TextTokenizer tokenizer;
      if (Files.isRegularFile(vocabFile)) {
        tokenizer = TextTokenizer.load(vocabFile, c.maxTokens()).withRewrite(c.textMarks());
      } else {
        List<String> corpus = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
          corpus.add(c.textMarks().apply(train.report(i, 0, i)));
          corpus.add(c.textMarks().apply(train.text(i, 1, i, 1)));
        }
        tokenizer =
            new TextTokenizer(
                WordPiece.train(corpus, c.vocabulary()), c.maxTokens(), c.textMarks());
        Files.createDirectories(c.out());
        tokenizer.save(vocabFile);
      }
      int tags = c.loss() == ClipLoss.ASG ? FindingTags.TAGS.size() : 0;
      ClipSpec spec = ClipSpec.forPreset(p, tokenizer.vocabularySize(), c.maxTokens(), tags);
      ClipInfo info =
          new ClipInfo(
              ModelInfo.FORMAT_VERSION,
              ClipInfo.KIND,
              "training",
              c.loss().wireName(),
              p,
              spec,
              new ModelInfo.DatasetRef(
                  trainReader.info().id(),
                  trainReader.info().name(),
                  c.dataset().toAbsolutePath().normalize().toString(),
                  trainReader.fingerprint(),
                  c.scheme().wireName(),
                  trainReader.info().inputSize()),
              train.channels(),
              norm,
              c.seed(),
              hash,
              train.size(),
              val.size(),
              train.skipped() + val.skipped(),
              0,
              0,
              null,
              0,
              c.textMarks().wireName());
      listener.message(
          String.format(
              java.util.Locale.ROOT,
              "%s: %d train, %d val image-text pairs (%d left out); vocabulary %d pieces",
              c.loss().wireName(),
              train.size(),
              val.size(),
              train.skipped() + val.skipped(),
              tokenizer.vocabularySize()));
      int grid =
          c.regions() ? (int) new ClipNet(p, spec).featureGrid(train.channels(), p.imageSize()) : 0;
      try (ClipBatches trainBatches =
              new ClipBatches(train, tokenizer, c.loaderThreads(), c.hardNegatives(), grid);
          ClipBatches valBatches = new ClipBatches(val, tokenizer, c.loaderThreads())) {
        return new Run(c, folder, info, trainBatches, valBatches, listener).go();
      }
    }
  }

  /** Pixel mean and spread of the first training images (as classification computes them). */
  static Normalization normalization(SampleReader r) throws IOException {
    double sum = 0;
    double sq = 0;
    long count = 0;
    int channels = r.info().inputSize().get(0);
    int n = Math.min(r.size(), TrainingStats.NORMALIZATION_SAMPLES);
    for (int i = 0; i < n; i++) {
      var s = r.get(i, java.util.Set.of(io.medloom.store.read.Column.IMAGE));
      if (s.image().isEmpty()) {
        continue;
      }
      for (byte b : s.image().get().withChannels(channels).pixels()) {
        double v = (b & 0xff) / 255.0;
        sum += v;
        sq += v * v;
        count++;
      }
    }
    if (count == 0) {
      return Normalization.UNIT;
    }
    double mean = sum / count;
    double std = Math.sqrt(Math.max(1e-12, sq / count - mean * mean));
    return new Normalization(mean, Math.max(std, 1e-3), 0, 1);
  }

  static String configHash(String fingerprint, ClipConfig c) throws IOException {
    String text =
        String.join(
            "\n",
            "clip",
            fingerprint,
            c.loss().wireName(),
            c.preset().toJson(),
            Long.toString(c.seed()),
            c.scheme().wireName(),
            Integer.toString(c.maxTokens()),
            Integer.toString(c.vocabulary()),
            c.imageInit() == null ? "" : "image " + TorchScriptInit.sha256(c.imageInit()),
            c.textInit() == null ? "" : "text " + TorchScriptInit.sha256(c.textInit()),
            "hard negatives " + c.hardNegatives(),
            "region weight " + (c.regions() ? c.regionWeight() : 0),
            c.textMarks() == TextMarks.NONE ? "" : "text marks " + c.textMarks().wireName());
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static final class Run {
    private final ClipConfig c;
    private final ModelFolder folder;
    private final ClipInfo info;
    private final ClipBatches train;
    private final ClipBatches val;
    private final TrainListener listener;
    private final Checkpoints checkpoints;
    private final ClipStep step;
    private int skipped;

    Run(
        ClipConfig c,
        ModelFolder folder,
        ClipInfo info,
        ClipBatches train,
        ClipBatches val,
        TrainListener listener) {
      this.c = c;
      this.folder = folder;
      this.info = info;
      this.train = train;
      this.val = val;
      this.listener = listener;
      this.checkpoints = new Checkpoints(folder);
      this.step =
          new ClipStep(
              c.loss(),
              train.data().channels(),
              c.preset().imageSize(),
              info.spec().maxTokens(),
              train.grid(),
              c.regionWeight());
    }

    Result go() throws IOException {
      Preset p = c.preset();
      ClipData data = train.data();
      int batch = Math.min(p.batch(), data.size());
      int stepsPerEpoch = Math.max(1, data.size() / batch);
      long total = (long) stepsPerEpoch * p.epochs();
      long warmup = Math.min(total - 1, Math.round(p.warmupEpochs() * stepsPerEpoch));
      Schedule schedule = new Schedule(p.lr(), warmup, total);
      Djl.seed(c.seed());
      AdamOptimizer optimizer =
          new AdamOptimizer(p.optimizer().equals("adamw"), (float) p.weightDecay());
      // The loss is computed by ClipLoss inside the step; DJL's config needs one to exist.
      DefaultTrainingConfig tc =
          new DefaultTrainingConfig(Loss.l2Loss())
              .optOptimizer(optimizer)
              .optDevices(new Device[] {Device.cpu()});
      int s = p.imageSize();
      int t = info.spec().maxTokens();
      Shape[] shapes = {
        new Shape(batch, data.channels(), s, s), new Shape(batch, t), new Shape(batch, t)
      };
      try (Model model = Model.newInstance("clip", Device.cpu(), "PyTorch")) {
        model.setBlock(new ClipNet(p, info.spec()));
        Optional<Path> last = checkpoints.latest();
        CheckpointState state =
            new CheckpointState(0, 0, 0, null, 0, info.configHash(), 0, List.of());
        if (last.isPresent()) {
          state = checkpoints.state(last.get());
          if (!state.configHash().equals(info.configHash())) {
            throw new IllegalArgumentException(
                c.out()
                    + " holds checkpoints of a different run (dataset, loss, preset, seed or"
                    + " splits differ); choose another --out or delete it");
          }
          model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, shapes);
          checkpoints.restoreWeights(last.get(), model.getBlock(), model.getNDManager());
        }
        try (Trainer trainer = model.newTrainer(tc)) {
          trainer.initialize(shapes);
          if (last.isEmpty()) {
            startFrom((ClipNet) model.getBlock());
          }
          if (last.isPresent()) {
            checkpoints.restoreOptimizer(
                last.get(), model.getBlock(), optimizer, model.getNDManager());
            listener.message(
                "resuming after epoch " + state.epoch() + " from " + last.get().getFileName());
          }
          info.write(folder);
          List<EpochRow> rows = new ArrayList<>(state.rows());
          long startNanos = System.nanoTime();
          double priorSeconds = state.trainSeconds();
          for (int epoch = state.epoch() + 1; epoch <= p.epochs(); epoch++) {
            long t0 = System.nanoTime();
            int[] order = Samplers.shuffled(data.size(), c.seed(), epoch);
            listener.epochStarted(epoch, p.epochs(), stepsPerEpoch);
            Iterator<ClipBatches.Batch> it =
                train.epoch(order, batch, epoch, true, c.loss().multiView(), false);
            double lossSum = 0;
            long seen = 0;
            long step = state.step();
            int done = 0;
            double lr = 0;
            while (it.hasNext()) {
              ClipBatches.Batch b = it.next();
              lr = schedule.at(step);
              optimizer.setLearningRate((float) lr);
              float value = trainStep(trainer, b);
              if (Float.isFinite(value)) {
                lossSum += value * b.n();
                seen += b.n();
              }
              step++;
              done++;
              double secs = (System.nanoTime() - t0) / 1e9;
              listener.batch(
                  epoch,
                  done,
                  stepsPerEpoch,
                  lossSum / seen,
                  seen / secs,
                  (total - step) * secs / done);
            }
            double trainSecs = (System.nanoTime() - t0) / 1e9;
            double valLoss = validate(trainer, batch);
            EpochRow row =
                new EpochRow(
                    epoch,
                    lr,
                    lossSum / seen,
                    valLoss,
                    null,
                    null,
                    seen / trainSecs,
                    (System.nanoTime() - t0) / 1e9);
            rows.add(row);
            // The checkpoint's "best score" is the negative validation loss (higher is better).
            double score = -valLoss;
            boolean improved = state.bestValAuroc() == null || score > state.bestValAuroc();
            double elapsed = priorSeconds + (System.nanoTime() - startNanos) / 1e9;
            CheckpointState next =
                new CheckpointState(
                    epoch,
                    step,
                    improved ? epoch : state.bestEpoch(),
                    improved ? score : state.bestValAuroc(),
                    improved ? 0 : state.sinceBest() + 1,
                    info.configHash(),
                    elapsed,
                    rows);
            checkpoints.write(next, model.getBlock(), optimizer, improved, last);
            last = checkpoints.latest();
            state = next;
            ModelFolder.writeAtomically(folder.log(), EpochRow.csv(rows));
            Charts.curves(rows, c.loss().wireName() + " (" + p.name() + ")", folder.curves());
            listener.epochFinished(row);
          }
          Path finalCheckpoint =
              last.orElseThrow(() -> new IllegalStateException("no checkpoint was written"));
          checkpoints.finish(finalCheckpoint);
          ClipInfo done =
              info.finished(
                  state.epoch(),
                  state.bestEpoch(),
                  state.bestValAuroc() == null ? null : -state.bestValAuroc(),
                  state.trainSeconds());
          done.write(folder);
          return new Result(c.out(), done, rows);
        }
      }
    }

    /** Copies TorchScript weights into the towers named by --init (a fresh run only). */
    private void startFrom(ClipNet net) throws IOException {
      if (c.imageInit() != null) {
        report("image", TorchScriptInit.apply(net.imageTower(), c.imageInit()));
      }
      if (c.textInit() != null) {
        report("text", TorchScriptInit.apply(net.textTower(), c.textInit()));
      }
    }

    private void report(String tower, TorchScriptInit.Report r) {
      listener.message(
          String.format(
              java.util.Locale.ROOT,
              "%s tower starts from %s (sha256 %s…): %d tensors, %d values%s",
              tower,
              r.file().getFileName(),
              r.sha256().substring(0, 12),
              r.tensors(),
              r.values(),
              r.runningStats() ? ", batch-norm statistics included" : ""));
    }

    private float trainStep(Trainer trainer, ClipBatches.Batch b) {
      ClipStep.Outcome o = step.run(trainer, b);
      if (o.problem() == null) {
        return o.loss();
      }
      // A non-finite loss or gradient skips the update (as mixed-precision loss scaling skips
      // overflowing steps); the weights stay finite. Too many skips end the run.
      skipped++;
      listener.message("skipped a step: " + o.problem() + " (" + skipped + " so far)");
      if (skipped > MAX_SKIPPED) {
        throw new IllegalStateException(
            "the training loss or its gradient became non-finite "
                + skipped
                + " times; lower --lr (now "
                + c.preset().lr()
                + ")");
      }
      return Float.NaN;
    }

    /** Mean CLIP loss over the validation batches (whole reports, inference mode). */
    private double validate(Trainer trainer, int batch) {
      ClipData data = val.data();
      int s = c.preset().imageSize();
      int t = info.spec().maxTokens();
      Iterator<ClipBatches.Batch> it =
          val.epoch(Samplers.sequential(data.size()), batch, 0, false, false, true);
      double sum = 0;
      long seen = 0;
      while (it.hasNext()) {
        ClipBatches.Batch b = it.next();
        if (b.n() < 2) {
          continue;
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
          NDList out =
              trainer.evaluate(
                  new NDList(
                      m.create(b.images(), new Shape(b.n(), data.channels(), s, s)),
                      m.create(b.ids(), new Shape(b.n(), t)),
                      m.create(b.mask(), new Shape(b.n(), t))));
          sum += ClipLoss.clip(out.get(0), out.get(1), out.get(2)).getFloat() * b.n();
          seen += b.n();
        }
      }
      return seen == 0 ? Double.NaN : sum / seen;
    }
  }
}
