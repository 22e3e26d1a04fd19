package io.medloom.learn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Per-sample losses over two-class logits {@code [B,2,H,W]}: cross-entropy plus soft Dice (AIDE's
 * CE + multiclass Dice, weights 1:1), and AIDE's confidence-weighted consistency term. Per sample,
 * because AIDE ranks the samples of a batch by their loss.
 */
public final class SegLoss {
  private SegLoss() {}

  /** {@code [B,2,H,W]} one-hot of a foreground map {@code [B,1,H,W]} of 0/1 floats. */
  public static NDArray oneHot(NDArray fg) {
    return NDArrays.concat(new NDList(fg.neg().add(1f), fg), 1);
  }

  /**
   * CE (mean over pixels) + (1 − mean over both classes of the smoothed soft Dice), per sample:
   * shape {@code [B]}. Smoothing 1 keeps an empty class from dividing by zero.
   */
  public static NDArray perSample(NDArray logits, NDArray target) {
    long hw = logits.getShape().get(2) * logits.getShape().get(3);
    NDArray ce = target.mul(logits.logSoftmax(1)).sum(new int[] {1, 2, 3}).div(-(float) hw);
    NDArray p = logits.softmax(1);
    NDArray inter = p.mul(target).sum(new int[] {2, 3});
    NDArray denom = p.sum(new int[] {2, 3}).add(target.sum(new int[] {2, 3}));
    NDArray dice = inter.mul(2f).add(1f).div(denom.add(1f));
    return ce.add(dice.mean(new int[] {1}).neg().add(1f));
  }

  /**
   * AIDE's correction term per sample: the mean over pixels of {@code W ⊙ MSE(softmax, P)}, where
   * the squared error is averaged over the two classes; {@code pseudo} is {@code [B,2,H,W]} and
   * {@code confidence} {@code [B,H,W]}. Shape {@code [B]}.
   */
  public static NDArray consistency(NDArray logits, NDArray pseudo, NDArray confidence) {
    long hw = logits.getShape().get(2) * logits.getShape().get(3);
    NDArray mse = logits.softmax(1).sub(pseudo).square().mean(new int[] {1});
    // PyTorch's mean in DJL takes one axis: sum over both, then divide.
    return mse.mul(confidence).sum(new int[] {1, 2}).div((float) hw);
  }
}
