package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.medloom.learn.Djl;
import io.medloom.learn.train.Gradients;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The regression behind AIDE's "training loss became NaN" on the phantom at 10% labels: one batch
 * with a non-finite gradient must not poison the batches after it.
 */
class GradientsTest {
  private static final int S = 16;

  /** One forward/backward of a Dice + CE loss on a fixed batch; the gradients stay in place. */
  private static void backward(Net net) {
    int n = 2;
    float[] img = new float[n * S * S];
    float[] fg = new float[n * S * S];
    for (int i = 0; i < img.length; i++) {
      int x = i % S;
      int y = (i / S) % S;
      boolean in = Math.abs(x - 8) < 4 && Math.abs(y - 8) < 4;
      img[i] = in ? 1.5f : -0.5f;
      fg[i] = in ? 1 : 0;
    }
    try (NDManager m = net.trainer.getManager().newSubManager()) {
      NDArray x = m.create(img, new Shape(n, 1, S, S));
      NDArray y = SegLoss.oneHot(m.create(fg, new Shape(n, 1, S, S)));
      try (GradientCollector gc = net.trainer.newGradientCollector()) {
        gc.zeroGradients();
        NDArray out = net.trainer.forward(new NDList(x)).singletonOrThrow();
        gc.backward(SegLoss.perSample(out, y).mean());
      }
    }
  }

  private static void poison(Net net) {
    for (var p : net.model.getBlock().getParameters().values()) {
      if (p.requiresGradient()) {
        // In place on the gradient buffer (x * NaN is NaN).
        p.getArray().getGradient().muli(Float.NaN);
        return;
      }
    }
  }

  @Test
  void aResetClearsNanGradientsSoTheNextBatchIsFiniteAgain() throws Exception {
    Djl.engine();
    Djl.seed(3);
    try (Net net = new Net("g", List.of(4, 8), 2, S, null, null)) {
      backward(net);
      double clean = Gradients.norm(net.model.getBlock());
      assertThat(clean).isFinite().isPositive();

      poison(net);
      assertThat(Gradients.norm(net.model.getBlock())).isNaN();
      // Without the reset the NaN survives the collector's own zeroing and the next backward.
      backward(net);
      assertThat(Gradients.norm(net.model.getBlock())).isNaN();

      Gradients.reset(net.model.getBlock());
      assertThat(Gradients.norm(net.model.getBlock())).isZero();
      backward(net);
      assertThat(Gradients.norm(net.model.getBlock())).isCloseTo(clean, withinRel(1e-4));
    }
  }

  @Test
  void clipScalesTheGlobalNormDownToTheMaximumAndLeavesSmallerOnesAlone() throws Exception {
    Djl.engine();
    Djl.seed(3);
    try (Net net = new Net("g", List.of(4, 8), 2, S, null, null)) {
      backward(net);
      double norm = Gradients.norm(net.model.getBlock());
      assertThat(Gradients.clip(net.model.getBlock(), norm, 2 * norm)).isEqualTo(1.0);
      assertThat(Gradients.norm(net.model.getBlock())).isCloseTo(norm, withinRel(1e-6));
      double f = Gradients.clip(net.model.getBlock(), norm, norm / 4);
      assertThat(f).isCloseTo(0.25, withinRel(1e-6));
      assertThat(Gradients.norm(net.model.getBlock())).isCloseTo(norm / 4, withinRel(1e-4));
    }
  }

  private static org.assertj.core.data.Percentage withinRel(double r) {
    return org.assertj.core.data.Percentage.withPercentage(100 * r);
  }
}
