package io.medloom.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;

/**
 * The gradients of a network's trainable parameters: their global L2 norm, the first one that is
 * not finite, clipping to a maximum norm, and a reset that works when they are not finite. Shared
 * by every trainer that skips a non-finite step (segmentation, vision–language pre-training).
 *
 * <p>Why the reset: DJL's {@code GradientCollector.zeroGradients()} clears a gradient by
 * subtracting it from itself, and {@code NaN − NaN} and {@code ∞ − ∞} are NaN. One batch with a
 * non-finite gradient (skipped, so the weights stay sound) left NaN in the gradient buffers, every
 * later batch added to them and was skipped too, and the run stopped ("the training loss became
 * NaN" for AIDE on the phantom at 10% labels; eleven skipped steps in a row for cxr-clip). Why the
 * clip: single batches reached gradients of 1e32 with an ordinary loss; squared in Adam's second
 * moment that is infinite in float32, after which those parameters never move again.
 */
public final class Gradients {
  private Gradients() {}

  /**
   * The global L2 norm of the gradients, summed in float64 (a float32 sum of large but finite
   * gradients overflows and would look non-finite); NaN or infinite when any gradient is not
   * finite.
   */
  public static double norm(Block block) {
    double[] sq = {0};
    visit(
        block,
        (name, g, scratch) ->
            sq[0] += own(g.toType(DataType.FLOAT64, false).square().sum(), scratch).getDouble());
    return Math.sqrt(sq[0]);
  }

  /** The name of the first parameter whose gradient holds NaN or infinity, or null. */
  public static String firstNonFinite(Block block) {
    String[] bad = {null};
    visit(
        block,
        (name, g, scratch) -> {
          if (bad[0] == null
              && own(g.isNaN().logicalOr(g.isInfinite()).any(), scratch).getBoolean()) {
            bad[0] = name;
          }
        });
    return bad[0];
  }

  /** Scales the gradients so that their global norm is at most {@code max}; returns the factor. */
  public static double clip(Block block, double norm, double max) {
    if (!(norm > max) || !Double.isFinite(norm)) {
      return 1;
    }
    float f = (float) (max / norm);
    visit(block, (name, g, scratch) -> g.muli(f));
    return f;
  }

  /**
   * Sets every gradient to zero in place, so that NaN and infinity are cleared too: PyTorch's own
   * {@code zero_()} on the gradient buffer (the engine is PyTorch throughout). Not {@code
   * NDArray.set(buffer)}: on this engine the tensor then lives in the Java buffer's memory, which
   * goes with the closed array; an AIDE run using it crashed with a corrupted native heap three
   * epochs after a reset.
   */
  public static void reset(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (param.requiresGradient() && param.getArray().hasGradient()) {
        JniUtils.zeroGrad((PtNDArray) param.getArray());
      }
    }
  }

  /** What is done to one gradient; arrays it makes are attached to {@code scratch}. */
  private interface GradientAction {
    void apply(String name, NDArray gradient, NDManager scratch);
  }

  /**
   * Applies {@code action} to the gradient of every trainable parameter, each inside its own
   * scratch manager, so the gradient views and whatever the action computes are freed at once.
   */
  private static void visit(Block block, GradientAction action) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (!param.requiresGradient() || !param.getArray().hasGradient()) {
        continue;
      }
      try (NDManager scratch = param.getArray().getManager().newSubManager()) {
        NDArray g = param.getArray().getGradient();
        g.attach(scratch);
        action.apply(p.getKey(), g, scratch);
      }
    }
  }

  private static NDArray own(NDArray a, NDManager scratch) {
    a.attach(scratch);
    return a;
  }
}
