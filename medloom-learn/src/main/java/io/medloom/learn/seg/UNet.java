package io.medloom.learn.seg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import java.util.Arrays;
import java.util.List;

/**
 * A 2-D U-Net (Ronneberger et al.): per level two 3x3 conv-BN-ReLU, 2x2 max-pool down, up by
 * nearest-neighbour 2x upsampling (a broadcast) and a 3x3 convolution (DJL's PyTorch engine has no
 * transposed convolution), the skip joined by channel concatenation; a 1x1 convolution gives two
 * logits per pixel (background, foreground), as AIDE's softmax confidence needs. Built recursively:
 * level k is {@code double conv, then [skip | pool, level k+1, up] concatenated, then double conv}.
 */
public final class UNet {
  private UNet() {}

  public static Block build(List<Integer> widths) {
    SequentialBlock net = level(widths, 0);
    net.add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(1, 1)).optBias(true).build());
    net.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2),
        Parameter.Type.WEIGHT);
    return net;
  }

  private static SequentialBlock level(List<Integer> widths, int k) {
    int w = widths.get(k);
    SequentialBlock b = doubleConv(new SequentialBlock(), w);
    if (k == widths.size() - 1) {
      return b;
    }
    SequentialBlock down =
        new SequentialBlock()
            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
            .add(level(widths, k + 1))
            .add(
                new LambdaBlock(
                    list -> new NDList(upsample2x(list.singletonOrThrow())), "upsample2x"))
            .add(
                Conv2d.builder()
                    .setFilters(w)
                    .setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1))
                    .build());
    b.add(
        new ParallelBlock(
            list ->
                new NDList(
                    NDArrays.concat(
                        new NDList(list.get(0).singletonOrThrow(), list.get(1).singletonOrThrow()),
                        1)),
            Arrays.<Block>asList(Blocks.identityBlock(), down)));
    return doubleConv(b, w);
  }

  /**
   * Nearest-neighbour 2x upsampling as a broadcast ({@code [B,C,H,1,W,1]} to {@code
   * [B,C,H,2,W,2]}): its gradient is a plain sum. {@code repeat} (repeat_interleave) was tried
   * first, but its backward scatters with index_add, which on several CPU threads adds in varying
   * order: two runs with the same seed drifted apart and a resumed run no longer matched an
   * uninterrupted one.
   */
  static NDArray upsample2x(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    return x.reshape(b, c, h, 1, w, 1)
        .broadcast(new Shape(b, c, h, 2, w, 2))
        .reshape(b, c, 2 * h, 2 * w);
  }

  private static SequentialBlock doubleConv(SequentialBlock b, int w) {
    for (int i = 0; i < 2; i++) {
      b.add(
              Conv2d.builder()
                  .setFilters(w)
                  .setKernelShape(new Shape(3, 3))
                  .optPadding(new Shape(1, 1))
                  .optBias(false)
                  .build())
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock());
    }
    return b;
  }
}
