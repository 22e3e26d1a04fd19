package io.medloom.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import io.medloom.learn.clip.ClipBatches;
import io.medloom.learn.clip.ClipLoss;
import io.medloom.learn.clip.ClipNet;
import io.medloom.learn.clip.FindingTags;

/**
 * One optimisation step of vision–language pre-training: the forward pass, the objective (with hard
 * negatives and ASG's region term when the batch carries them), the backward pass, a finite check
 * and the update.
 *
 * <p>Gradients are clipped to a global L2 norm of {@link #MAX_GRAD_NORM} before the update (as
 * CLIP-style training commonly does): with the scale near its clamp of 100 and several InfoNCE
 * terms summed (cxr-clip has ten), a batch with near-duplicate texts or a collapsed embedding can
 * produce gradients large enough to throw the weights far off; one such update then makes every
 * later step non-finite. A step whose loss or gradient is not finite is skipped, the message names
 * the first offending parameter, and the gradients are reset (see {@link Gradients#reset}).
 */
final class ClipStep {
  static final float MAX_GRAD_NORM = 1.0f;

  private final ClipLoss loss;
  private final int channels;
  private final int size;
  private final int tokens;
  private final int grid;
  private final float regionWeight;

  /** What a step did: its loss (NaN when skipped) and, when skipped, why. */
  record Outcome(float loss, String problem) {}

  ClipStep(ClipLoss loss, int channels, int size, int tokens, int grid, double regionWeight) {
    this.loss = loss;
    this.channels = channels;
    this.size = size;
    this.tokens = tokens;
    this.grid = grid;
    this.regionWeight = (float) regionWeight;
  }

  Outcome run(Trainer trainer, ClipBatches.Batch b) {
    int s = size;
    int t = tokens;
    int ch = channels;
    boolean multi = loss.multiView();
    try (NDManager m = trainer.getManager().newSubManager()) {
      int n = b.n();
      NDArray x = m.create(b.images(), new Shape(n, ch, s, s));
      NDArray ids = m.create(b.ids(), new Shape(n, t));
      NDArray mask = m.create(b.mask(), new Shape(n, t));
      if (multi) {
        x = x.concat(m.create(b.views(), new Shape(n, ch, s, s)), 0);
        ids = ids.concat(m.create(b.ids2(), new Shape(n, t)), 0);
        mask = mask.concat(m.create(b.mask2(), new Shape(n, t)), 0);
      }
      float value;
      try (GradientCollector gc = trainer.newGradientCollector()) {
        gc.zeroGradients();
        NDList out = trainer.forward(new NDList(x, ids, mask));
        NDArray img = out.get(0);
        NDArray txt = out.get(1);
        NDArray scale = out.get(2);
        NDArray hard = null;
        NDArray hardValid = null;
        if (b.hardIds() != null) {
          hard =
              trainer
                  .forward(
                      new NDList(
                          m.create(b.hardIds(), new Shape(n, t)),
                          m.create(b.hardMask(), new Shape(n, t))))
                  .singletonOrThrow();
          hardValid = m.create(b.hardValid());
        }
        NDArray l =
            switch (loss) {
              case CLIP -> ClipLoss.clip(img, txt, hard, hardValid, scale);
              case CXR_CLIP ->
                  ClipLoss.cxrClip(
                      img.get("0:" + n),
                      img.get(n + ":"),
                      txt.get("0:" + n),
                      txt.get(n + ":"),
                      hard,
                      hardValid,
                      scale);
              case ASG ->
                  ClipLoss.asg(
                      img,
                      txt,
                      hard,
                      hardValid,
                      scale,
                      out.get(3),
                      m.create(b.tags(), new Shape(n, FindingTags.TAGS.size())));
            };
        if (b.regions() > 1 && regionWeight > 0 && grid > 0) {
          l = l.add(regionTerm(trainer, m, b, out.get(out.size() - 1), scale).mul(regionWeight));
        }
        value = l.getFloat();
        if (Float.isFinite(value)) {
          gc.backward(l);
        }
      }
      if (!Float.isFinite(value)) {
        return new Outcome(Float.NaN, "non-finite loss");
      }
      String bad = clipGradients(trainer);
      if (bad != null) {
        return new Outcome(Float.NaN, "non-finite gradient of " + bad);
      }
      trainer.step();
      return new Outcome(value, null);
    }
  }

  /**
   * ASG's region–sentence term: the first image's feature map pooled inside each described region
   * (coverage-weighted), projected like a whole image, against its sentence's embedding.
   */
  private static NDArray regionTerm(
      Trainer trainer, NDManager m, ClipBatches.Batch b, NDArray map, NDArray scale) {
    int n = b.n();
    int r = b.regions();
    long g = map.getShape().get(2);
    int cells = (int) (g * map.getShape().get(3));
    float[] w = new float[r * n * cells];
    for (int k = 0; k < r; k++) {
      System.arraycopy(
          b.regionCoverage(), k * cells, w, (k * n + b.regionSample()[k]) * cells, cells);
    }
    NDArray pooled =
        ClipLoss.roiPool(map.get("0:" + n), m.create(w, new Shape(r, n, g, map.getShape().get(3))));
    ClipNet net = (ClipNet) trainer.getModel().getBlock();
    NDArray regions = net.projectFeatures(new ParameterStore(m, false), pooled, true);
    int t = b.regionMask().length / r;
    NDArray sentences =
        trainer
            .forward(
                new NDList(
                    m.create(b.regionIds(), new Shape(r, t)),
                    m.create(b.regionMask(), new Shape(r, t))))
            .singletonOrThrow();
    return ClipLoss.clip(regions, sentences, scale);
  }

  /**
   * Scales the gradients down to a global norm of at most {@link #MAX_GRAD_NORM}; returns the name
   * of the first parameter whose gradient is not finite (then every gradient is reset to zero, see
   * {@link Gradients#reset}, and nothing is scaled), else null.
   */
  static String clipGradients(Trainer trainer) {
    Block block = trainer.getModel().getBlock();
    double norm = Gradients.norm(block);
    if (!Double.isFinite(norm)) {
      String bad = Gradients.firstNonFinite(block);
      Gradients.reset(block);
      return bad == null ? "a parameter (the norm overflowed)" : bad;
    }
    Gradients.clip(block, norm, MAX_GRAD_NORM);
    return null;
  }
}
