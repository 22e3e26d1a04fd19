package io.medloom.learn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.medloom.core.image.BitMask;
import io.medloom.core.transform.Keyed;
import io.medloom.core.transform.RandomTransform;
import io.medloom.learn.Djl;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.train.Gradients;
import io.medloom.learn.train.Schedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The epochs of a segmentation run. Supervised: one U-Net, Dice + CE on the labelled samples. AIDE:
 * two U-Nets on every training sample with cross labels (net 1 learns label set 2 and vice versa);
 * per batch each ranks the samples by its peer's per-sample loss, the lower-loss share is clean,
 * and its loss is {@code seg(clean) + (1−r)·seg(suspect) + w·r·mean(W_peer ⊙ MSE(softmax, P_peer))}
 * over the suspect samples; after warm-up epochs and every k epochs each network's label set takes
 * its predictions for the non-expert samples with the lowest Dice against the current label. The
 * kept weights are the network and epoch with the best validation Dice.
 */
final class SegLoop {
  private final SegConfig c;
  private final SegModelInfo info;
  private final SegTraining.Prepared p;
  private final SegListener listener;
  private final SegCheckpoints checkpoints;
  private final ModelFolder folder;
  private final boolean aide;
  private final int s;
  private final RandomTransform augment;
  private final float black;

  /**
   * Largest global gradient norm a step takes (nnU-Net clips at 12 too); usual norms on the tiny
   * presets stay well below it, so it only bounds the rare spike.
   */
  static final double CLIP_NORM = 12;

  /** Steps whose gradient was clipped in the current epoch (per network). */
  private int clipped;

  SegLoop(
      SegConfig c,
      ModelFolder folder,
      SegModelInfo info,
      SegTraining.Prepared p,
      SegListener listener) {
    this.c = c;
    this.folder = folder;
    this.info = info;
    this.p = p;
    this.listener = listener;
    this.checkpoints = new SegCheckpoints(folder);
    this.aide = c.method().equals("aide");
    this.s = c.preset().imageSize();
    // The keyed transform moves image and labels together.
    this.augment = c.appearance().training(s, p.flipSafe());
    this.black = (float) (-p.norm().mean() / p.norm().std());
  }

  SegTraining.Result go() throws IOException {
    SegPreset pr = c.preset();
    int n = p.trainable().length;
    int batch = Math.min(pr.batch(), n);
    // An epoch is as many steps as the whole training split gives, whatever share is labelled, so a
    // 10% run is not also a run with a tenth of the optimizer steps.
    int steps = Math.max(1, p.train().size() / batch);
    long total = (long) steps * pr.epochs();
    double lr0 = aide ? pr.lr() * c.aide().lrFactor() : pr.lr();
    Schedule schedule = new Schedule(lr0, 0, total);
    Optional<Path> last = checkpoints.latest();
    SegState state = new SegState(0, 0, 0, null, 1, info.configHash(), 0, List.of());
    if (last.isPresent()) {
      state = checkpoints.state(last.get());
      if (!state.configHash().equals(info.configHash())) {
        throw new IllegalArgumentException(
            c.out()
                + " holds checkpoints of a different run (dataset, method, options or seed"
                + " differ); choose another --out or delete it");
      }
      checkpoints.restoreLabels(last.get(), p.labels());
    }
    int nets = aide ? 2 : 1;
    Djl.seed(c.seed());
    List<Net> net = new ArrayList<>();
    try {
      for (int k = 0; k < nets; k++) {
        final int which = k;
        Path w = last.map(l -> l.resolve(SegCheckpoints.params(which))).orElse(null);
        Path m = last.map(l -> l.resolve(SegCheckpoints.moments(which))).orElse(null);
        net.add(new Net("unet" + (k + 1), pr.widths(), batch, s, w, m, p.warmStarts()[k]));
      }
      if (last.isPresent()) {
        listener.message(
            "resuming after epoch " + state.epoch() + " from " + last.get().getFileName());
      }
      ModelFolder.writeAtomically(folder.info(), ModelFolder.JSON.writeValueAsBytes(info));
      List<SegEpochRow> rows = new ArrayList<>(state.rows());
      long start = System.nanoTime();
      double prior = state.trainSeconds();
      long step = state.step();
      for (int epoch = state.epoch() + 1; epoch <= pr.epochs(); epoch++) {
        long t0 = System.nanoTime();
        int[] order = order(p.trainable(), epoch, steps * batch);
        double r = aide ? c.aide().ramp(epoch) : 0;
        double lossSum = 0;
        double lr = 0;
        int skipped = 0;
        for (int b = 0; b < steps; b++) {
          lr = schedule.at(step);
          for (Net x : net) {
            x.optimizer.setLearningRate((float) lr);
          }
          int[] idx = Arrays.copyOfRange(order, b * batch, (b + 1) * batch);
          double v =
              aide ? aideStep(net, idx, epoch, b, r) : supervisedStep(net.get(0), idx, epoch, b);
          // A batch whose loss is not finite is skipped before any weight changes (counted and
          // reported); a run where that becomes the rule stops.
          if (Double.isFinite(v)) {
            lossSum += v;
          } else {
            skipped++;
          }
          step++;
        }
        if (clipped > 0) {
          listener.message(
              "epoch " + epoch + ": " + clipped + " gradient(s) clipped to norm " + CLIP_NORM);
          clipped = 0;
        }
        if (skipped > 0) {
          listener.message(
              "epoch "
                  + epoch
                  + ": "
                  + skipped
                  + " of "
                  + steps
                  + " batches skipped (loss or gradient not finite)");
        }
        finite(skipped * 2 > steps ? Float.NaN : 0f);
        lossSum = steps > skipped ? lossSum * steps / (steps - skipped) : lossSum;
        int relabelled = 0;
        if (aide && c.aide().updatesAfter(epoch)) {
          int[] kept = new int[2];
          for (int k = 0; k < 2; k++) {
            int[] u = updateLabels(net.get(k), p.labels()[k]);
            relabelled += u[0];
            kept[k] = u[1];
          }
          if (kept[0] + kept[1] > 0) {
            listener.message(
                "epoch "
                    + epoch
                    + ": "
                    + (kept[0] + kept[1])
                    + " of the lowest-Dice labels kept (empty prediction)");
          }
        }
        List<Double> dice = new ArrayList<>();
        for (Net x : net) {
          dice.add(validate(x));
        }
        int bestK = dice.get(1 % nets) > dice.get(0) ? 1 : 0;
        double score = dice.get(bestK);
        boolean improved = state.bestValDice() == null || score > state.bestValDice();
        SegEpochRow row =
            new SegEpochRow(
                epoch, lr, lossSum / steps, dice, r, relabelled, (System.nanoTime() - t0) / 1e9);
        rows.add(row);
        double elapsed = prior + (System.nanoTime() - start) / 1e9;
        SegState next =
            new SegState(
                epoch,
                step,
                improved ? epoch : state.bestEpoch(),
                improved ? score : state.bestValDice(),
                improved ? bestK + 1 : state.bestNet(),
                info.configHash(),
                elapsed,
                rows);
        checkpoints.write(next, net, improved ? bestK : -1, p.labels(), last);
        last = checkpoints.latest();
        state = next;
        ModelFolder.writeAtomically(folder.log(), SegEpochRow.csv(rows));
        listener.epochFinished(row, pr.epochs());
      }
      Path fin = last.orElseThrow(() -> new IllegalStateException("no checkpoint was written"));
      checkpoints.finish(fin);
      SegModelInfo done =
          info.finished(
              state.epoch(),
              state.bestEpoch(),
              state.bestValDice(),
              state.bestNet(),
              state.trainSeconds());
      ModelFolder.writeAtomically(folder.info(), ModelFolder.JSON.writeValueAsBytes(done));
      return new SegTraining.Result(c.out(), done, rows);
    } finally {
      for (Net x : net) {
        x.close();
      }
    }
  }

  /** One batch: augmented images and, per label set, the moved labels. */
  private record Batch(float[] images, float[][] labels) {}

  private Batch batch(int[] idx, int epoch, int b, int sets) {
    int hw = s * s;
    float[] images = new float[idx.length * hw];
    float[][] labels = new float[sets][idx.length * hw];
    for (int j = 0; j < idx.length; j++) {
      int i = idx[j];
      List<BitMask> masks = new ArrayList<>();
      for (int k = 0; k < sets; k++) {
        masks.add(SegTraining.mask(p.labels()[k][i], s));
      }
      SplittableRandom rng = new SplittableRandom(mix(c.seed(), epoch, (long) b * 4096 + j));
      Keyed out = augment.apply(new Keyed(p.train().get(i).image(), masks), rng);
      System.arraycopy(
          Appearance.input(out.image(), p.norm(), c.appearance().perImage()),
          0,
          images,
          j * hw,
          hw);
      for (int k = 0; k < sets; k++) {
        byte[] m = out.masks().get(k).toBytes();
        for (int q = 0; q < hw; q++) {
          labels[k][j * hw + q] = m[q];
        }
      }
    }
    return new Batch(images, labels);
  }

  private double supervisedStep(Net net, int[] idx, int epoch, int b) {
    Batch bt = batch(idx, epoch, b, 1);
    int n = idx.length;
    try (NDManager m = net.trainer.getManager().newSubManager()) {
      NDArray x = m.create(bt.images(), new Shape(n, 1, s, s));
      NDArray y = SegLoss.oneHot(m.create(bt.labels()[0], new Shape(n, 1, s, s)));
      float value;
      try (GradientCollector gc = net.trainer.newGradientCollector()) {
        gc.zeroGradients();
        NDArray out = net.trainer.forward(new NDList(x)).singletonOrThrow();
        NDArray loss = SegLoss.perSample(out, y).mean();
        gc.backward(loss);
        value = loss.getFloat();
      }
      return step(List.of(net), value) ? value : Float.NaN;
    }
  }

  private double aideStep(List<Net> net, int[] idx, int epoch, int b, double r) {
    Batch bt = batch(idx, epoch, b, 2);
    int n = idx.length;
    int hw = s * s;
    AideOptions o = c.aide();
    int clean = Math.max(1, Math.min(n, (int) Math.round(o.cleanFraction() * n)));
    try (NDManager m = net.get(0).trainer.getManager().newSubManager()) {
      NDArray x = m.create(bt.images(), new Shape(n, 1, s, s));
      float value;
      try (GradientCollector gc = net.get(0).trainer.newGradientCollector()) {
        gc.zeroGradients();
        NDArray[] out = new NDArray[2];
        NDArray[] seg = new NDArray[2];
        float[][] lossValues = new float[2][];
        for (int k = 0; k < 2; k++) {
          // Cross labels: network k learns the other network's label set.
          NDArray y = SegLoss.oneHot(m.create(bt.labels()[1 - k], new Shape(n, 1, s, s)));
          out[k] = net.get(k).trainer.forward(new NDList(x)).singletonOrThrow();
          seg[k] = SegLoss.perSample(out[k], y);
          lossValues[k] = seg[k].toFloatArray();
        }
        NDArray total = null;
        for (int k = 0; k < 2; k++) {
          // Network k ranks the batch by its peer's per-sample loss: the lower share is clean.
          boolean[] isClean = lowest(lossValues[1 - k], clean);
          float[] wClean = new float[n];
          float[] wSuspect = new float[n];
          int[] suspects = new int[n - clean];
          for (int j = 0, q = 0; j < n; j++) {
            if (isClean[j]) {
              wClean[j] = 1f / clean;
            } else {
              wSuspect[j] = 1f / (n - clean);
              suspects[q++] = j;
            }
          }
          NDArray lk =
              seg[k]
                  .mul(m.create(wClean))
                  .sum()
                  .add(seg[k].mul(m.create(wSuspect)).sum().mul((float) (1 - r)));
          if (suspects.length > 0 && r > 0 && o.consistencyWeight() > 0) {
            // The peer's pseudo-labels are needed on this network's suspect samples only.
            float[] sub = new float[suspects.length * hw];
            for (int q = 0; q < suspects.length; q++) {
              System.arraycopy(bt.images(), suspects[q] * hw, sub, q * hw, hw);
            }
            Net peerNet = net.get(1 - k);
            SplittableRandom rng = new SplittableRandom(mix(c.seed() + 17L * (2 - k), epoch, b));
            PseudoLabels peer =
                PseudoLabels.of(
                    peerNet::foreground,
                    sub,
                    suspects.length,
                    s,
                    o.augmentations(),
                    o.rotationDegrees(),
                    black,
                    rng);
            float[] pfg = new float[n * hw];
            float[] conf = new float[n * hw];
            for (int q = 0; q < suspects.length; q++) {
              System.arraycopy(peer.foreground(), q * hw, pfg, suspects[q] * hw, hw);
              System.arraycopy(peer.confidence(), q * hw, conf, suspects[q] * hw, hw);
            }
            NDArray pseudo = SegLoss.oneHot(m.create(pfg, new Shape(n, 1, s, s)));
            NDArray cons = SegLoss.consistency(out[k], pseudo, m.create(conf, new Shape(n, s, s)));
            lk =
                lk.add(cons.mul(m.create(wSuspect)).sum().mul((float) (o.consistencyWeight() * r)));
          }
          total = total == null ? lk : total.add(lk);
        }
        gc.backward(total);
        value = total.getFloat() / 2;
      }
      return step(net, value) ? value : Float.NaN;
    }
  }

  /** AIDE's label update of one label set from one network's predictions ({@link LabelUpdate}). */
  private int[] updateLabels(Net net, boolean[][] labels) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < p.train().size(); i++) {
      all.add(i);
    }
    boolean[][] pred = predict(net, p.train(), all);
    LabelUpdate u = LabelUpdate.apply(pred, labels, p.expert(), c.aide().updateFraction());
    return new int[] {u.replaced(), u.keptEmpty()};
  }

  private boolean[][] predict(Net net, List<SegSample> samples, List<Integer> which) {
    int hw = s * s;
    boolean[][] out = new boolean[which.size()][];
    for (int from = 0; from < which.size(); from += 16) {
      int to = Math.min(which.size(), from + 16);
      float[] x = new float[(to - from) * hw];
      for (int j = from; j < to; j++) {
        float[] f =
            Appearance.input(
                samples.get(which.get(j)).image(), p.norm(), c.appearance().perImage());
        System.arraycopy(f, 0, x, (j - from) * hw, hw);
      }
      float[] pr = net.foreground(x, to - from);
      for (int j = from; j < to; j++) {
        boolean[] m = new boolean[hw];
        for (int q = 0; q < hw; q++) {
          m[q] = pr[(j - from) * hw + q] > 0.5f;
        }
        out[j] = m;
      }
    }
    return out;
  }

  private double validate(Net net) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < p.val().size(); i++) {
      all.add(i);
    }
    boolean[][] pred = predict(net, p.val(), all);
    double sum = 0;
    for (int i = 0; i < pred.length; i++) {
      sum += SegMetrics.dice(pred[i], SegData.bools(p.val().get(i).mask()));
    }
    return sum / pred.length;
  }

  private static boolean[] lowest(float[] v, int k) {
    Integer[] order = new Integer[v.length];
    for (int j = 0; j < v.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Float.compare(v[a], v[b]));
    boolean[] out = new boolean[v.length];
    for (int j = 0; j < k; j++) {
      out[order[j]] = true;
    }
    return out;
  }

  /** Shuffled passes over {@code items}, one after another, until {@code length} are drawn. */
  private int[] order(int[] items, int epoch, int length) {
    int[] out = new int[length];
    for (int at = 0, pass = 0; at < length; pass++) {
      int[] sh = shuffled(items, epoch, pass);
      int k = Math.min(sh.length, length - at);
      System.arraycopy(sh, 0, out, at, k);
      at += k;
    }
    return out;
  }

  private int[] shuffled(int[] items, int epoch, int pass) {
    int[] out = items.clone();
    SplittableRandom rng = new SplittableRandom(mix(c.seed(), epoch, -1 - pass));
    for (int i = out.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  /**
   * The optimizer step of every network after one backward pass, or none. A batch whose loss or
   * gradient is not finite changes no weight: its gradients are reset (by assignment: DJL's own
   * zeroing cannot clear NaN, see {@link Gradients}) and it is skipped. A finite gradient whose
   * global norm exceeds {@link #CLIP_NORM} is scaled down to it first.
   */
  private boolean step(List<Net> nets, float loss) {
    double[] norm = new double[nets.size()];
    boolean ok = Float.isFinite(loss);
    for (int k = 0; k < nets.size() && ok; k++) {
      norm[k] = Gradients.norm(nets.get(k).model.getBlock());
      ok = Double.isFinite(norm[k]);
    }
    if (!ok) {
      for (Net x : nets) {
        Gradients.reset(x.model.getBlock());
      }
      return false;
    }
    for (int k = 0; k < nets.size(); k++) {
      if (Gradients.clip(nets.get(k).model.getBlock(), norm[k], CLIP_NORM) < 1) {
        clipped++;
      }
      nets.get(k).trainer.step();
    }
    return true;
  }

  private double finite(float v) {
    if (!Float.isFinite(v)) {
      throw new IllegalStateException(
          "the training loss became " + v + "; lower --lr (now " + c.preset().lr() + ")");
    }
    return v;
  }

  static long mix(long a, long b, long c) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + c;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
