package io.medloom.learn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.medloom.learn.data.TargetSpec;

/**
 * The loss a task type picks ({@link TargetSpec#loss()}), over logits {@code [B, outputs]} and
 * dense targets of the same shape: softmax cross-entropy against one-hot targets; binary
 * cross-entropy with per-output positive weights, {@code w*y*softplus(-x) + (1-y)*softplus(x)}
 * (PyTorch's {@code BCEWithLogitsLoss(pos_weight=w)}); or mean squared error.
 */
public final class TaskLoss extends Loss {
  private final TargetSpec.Loss kind;
  private final float[] positiveWeights;

  /**
   * @param positiveWeights per output, used by binary cross-entropy (negatives / positives of the
   *     training split), ignored otherwise
   */
  public TaskLoss(TargetSpec.Loss kind, float[] positiveWeights) {
    super(kind.name().toLowerCase(java.util.Locale.ROOT));
    this.kind = kind;
    this.positiveWeights = positiveWeights.clone();
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray x = predictions.singletonOrThrow();
    NDArray y = labels.singletonOrThrow();
    return switch (kind) {
      case CROSS_ENTROPY -> x.logSoftmax(1).mul(y).sum(new int[] {1}).neg().mean();
      case BINARY_CROSS_ENTROPY -> {
        NDArray w = x.getManager().create(positiveWeights);
        NDArray pos = softplus(x.neg()).mul(y).mul(w);
        NDArray neg = softplus(x).mul(y.neg().add(1));
        yield pos.add(neg).mean();
      }
      case MEAN_SQUARED_ERROR -> x.sub(y).square().mean();
    };
  }

  /** log(1 + e^x), computed without overflow: max(x, 0) + log1p(e^-|x|). */
  static NDArray softplus(NDArray x) {
    return x.maximum(0).add(x.abs().neg().exp().add(1).log());
  }
}
