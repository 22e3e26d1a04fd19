package io.medloom.learn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The gradients of a network's trainable parameters: their global L2 norm, clipping to a maximum
 * norm, and a reset that works when they are not finite.
 *
 * <p>Why the reset: DJL's {@code GradientCollector.zeroGradients()} clears a gradient by
 * subtracting it from itself, and {@code NaN − NaN} and {@code ∞ − ∞} are NaN. One batch with a
 * non-finite gradient (skipped, so the weights stay sound) left NaN in the gradient buffers, every
 * later batch added to them and was skipped too, and the run stopped with "the training loss became
 * NaN" (AIDE on the phantom at 10% labels). Why the clip: on that run a single batch's gradient
 * reached 1e32 with a loss of 0.6, next to a usual maximum of 0.1–0.5; squared in Adam's second
 * moment that is infinite in float32, after which those parameters never move again.
 */
final class Gradients {
  private Gradients() {}

  /** The global L2 norm of the gradients (NaN or infinite when any is not finite). */
  static double norm(Block block) {
    double sq = 0;
    for (NDArray g : of(block)) {
      try (NDManager scratch = g.getManager().newSubManager()) {
        g.attach(scratch);
        NDArray s = g.square().sum();
        s.attach(scratch);
        sq += s.getFloat();
      }
    }
    return Math.sqrt(sq);
  }

  /** Scales the gradients so that their global norm is at most {@code max}; returns the factor. */
  static double clip(Block block, double norm, double max) {
    if (!(norm > max) || !Double.isFinite(norm)) {
      return 1;
    }
    float f = (float) (max / norm);
    for (NDArray g : of(block)) {
      try (NDManager scratch = g.getManager().newSubManager()) {
        g.attach(scratch);
        g.muli(f);
      }
    }
    return f;
  }

  /**
   * Sets every gradient to zero in place, so that NaN and infinity are cleared too: PyTorch's own
   * {@code zero_()} on the gradient buffer (the engine is PyTorch throughout). Not {@code
   * NDArray.set(buffer)}: on this engine the tensor then lives in the Java buffer's memory, which
   * goes with the closed array; an AIDE run using it crashed with a corrupted native heap three
   * epochs after a reset.
   */
  static void reset(Block block) {
    for (var p : block.getParameters().values()) {
      if (p.requiresGradient() && p.getArray().hasGradient()) {
        JniUtils.zeroGrad((PtNDArray) p.getArray());
      }
    }
  }

  /**
   * The gradient arrays (views on the parameters' gradient buffers) of the trainable parameters.
   */
  private static List<NDArray> of(Block block) {
    List<NDArray> out = new ArrayList<>();
    for (var p : block.getParameters().values()) {
      if (p.requiresGradient() && p.getArray().hasGradient()) {
        out.add(p.getArray().getGradient());
      }
    }
    return out;
  }
}
