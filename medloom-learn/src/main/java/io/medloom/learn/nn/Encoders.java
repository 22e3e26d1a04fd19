package io.medloom.learn.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import io.medloom.learn.Preset;
import java.util.Arrays;
import java.util.List;

/**
 * Image encoders with a linear head. The ResNets follow torchvision's layout and widths exactly
 * (7x7/2 stem, 3x3/2 max-pool, stages of 64-128-256-512 channels, stride on the first block of a
 * stage and on the 3x3 of a bottleneck, 1x1 projection shortcuts): ResNet-18 has 11.2M weights.
 * DJL's {@code ResNetV1} builder is a narrow CIFAR variant and not what papers mean by ResNet-18.
 */
public final class Encoders {
  private Encoders() {}

  /** The encoder a preset names, ending in a linear layer with {@code outputs} logits. */
  public static Block classifier(Preset preset, int outputs) {
    SequentialBlock net =
        switch (preset.encoder()) {
          case "cnn" -> smallCnn(preset.widths());
          case "resnet18" -> resnet(new int[] {2, 2, 2, 2}, false);
          case "resnet34" -> resnet(new int[] {3, 4, 6, 3}, false);
          case "resnet50" -> resnet(new int[] {3, 4, 6, 3}, true);
          default -> throw new IllegalArgumentException("unknown encoder " + preset.encoder());
        };
    // torchvision's initialisation: He (Kaiming) normal, fan-out, for convolutions; U(±1/sqrt(fan
    // in)) for the linear head. He init on a one-unit head would make the first logits huge.
    net.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2),
        Parameter.Type.WEIGHT);
    Linear head = Linear.builder().setUnits(outputs).build();
    head.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
        Parameter.Type.WEIGHT);
    net.add(head);
    return net;
  }

  /**
   * The encoder a preset names without a head: images to pooled features (the image tower of a
   * vision–language model), initialised as {@link #classifier}'s.
   */
  public static SequentialBlock backbone(Preset preset) {
    SequentialBlock net =
        switch (preset.encoder()) {
          case "cnn" -> smallCnn(preset.widths());
          case "resnet18" -> resnet(new int[] {2, 2, 2, 2}, false);
          case "resnet34" -> resnet(new int[] {3, 4, 6, 3}, false);
          case "resnet50" -> resnet(new int[] {3, 4, 6, 3}, true);
          default -> throw new IllegalArgumentException("unknown encoder " + preset.encoder());
        };
    net.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2),
        Parameter.Type.WEIGHT);
    return net;
  }

  /** Per width: 3x3 conv, batch norm, ReLU, 2x2 max-pool; then global average pooling. */
  static SequentialBlock smallCnn(List<Integer> widths) {
    SequentialBlock net = new SequentialBlock();
    for (int w : widths) {
      net.add(conv(w, 3, 1, 1))
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    return net;
  }

  static SequentialBlock resnet(int[] blocks, boolean bottleneck) {
    SequentialBlock net = new SequentialBlock();
    net.add(conv(64, 7, 2, 3))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    int expansion = bottleneck ? 4 : 1;
    int inChannels = 64;
    int[] widths = {64, 128, 256, 512};
    for (int s = 0; s < 4; s++) {
      for (int b = 0; b < blocks[s]; b++) {
        int stride = (s > 0 && b == 0) ? 2 : 1;
        int out = widths[s] * expansion;
        boolean project = stride != 1 || inChannels != out;
        net.add(residual(widths[s], stride, bottleneck, project ? out : 0));
        inChannels = out;
      }
    }
    net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    return net;
  }

  /** One residual block; {@code projectTo > 0} adds a 1x1 conv + BN shortcut to that width. */
  private static Block residual(int width, int stride, boolean bottleneck, int projectTo) {
    SequentialBlock main = new SequentialBlock();
    if (bottleneck) {
      main.add(conv(width, 1, 1, 0))
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(conv(width, 3, stride, 1))
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(conv(width * 4, 1, 1, 0))
          .add(BatchNorm.builder().build());
    } else {
      main.add(conv(width, 3, stride, 1))
          .add(BatchNorm.builder().build())
          .add(Activation.reluBlock())
          .add(conv(width, 3, 1, 1))
          .add(BatchNorm.builder().build());
    }
    Block shortcut =
        projectTo > 0
            ? new SequentialBlock()
                .add(conv(projectTo, 1, stride, 0))
                .add(BatchNorm.builder().build())
            : Blocks.identityBlock();
    return new SequentialBlock()
        .add(
            new ParallelBlock(
                list ->
                    new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                Arrays.asList(main, shortcut)))
        .add(Activation.reluBlock());
  }

  private static Conv2d conv(int filters, int kernel, int stride, int pad) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(pad, pad))
        .optBias(false)
        .build();
  }
}
