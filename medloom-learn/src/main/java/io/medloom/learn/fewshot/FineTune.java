package io.medloom.learn.fewshot;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import io.medloom.learn.Djl;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.nn.Encoders;
import io.medloom.learn.train.AdamOptimizer;
import io.medloom.learn.train.TaskLoss;
import java.io.IOException;
import java.nio.FloatBuffer;

/**
 * Fine-tuning on an episode's support set, made affordable for 100 episodes per task on a CPU: the
 * encoder's last stage (the small CNN's last conv block, a ResNet's last residual block) and a new
 * linear head are trained with Adam on the whole support set for a fixed number of steps; the
 * stages before it stay frozen, so their outputs are computed once per image and cached ({@link
 * FrozenEncoder#trunk}). Batch norm keeps the encoder's statistics (inference mode while training
 * too): a support set of 2 to 50 rows is too small for batch statistics, and this way the support
 * and the query are normalized alike. The head starts as the prototype classifier of the support's
 * features (weights 2c/s², biases -|c|²/s² for class mean c and feature spread s), so that step 0
 * is the {@code proto} method and the steps refine it. Every episode starts again from the same
 * encoder; the run is seeded per episode.
 */
final class FineTune {
  private FineTune() {}

  /**
   * Class probabilities of the query rows.
   *
   * @param support the support rows' frozen-trunk outputs ({@link FrozenEncoder#trunk})
   * @param query the query rows' frozen-trunk outputs
   */
  static double[][] run(
      FrozenEncoder encoder,
      float[][] support,
      int[] labels,
      int ways,
      float[][] query,
      int steps,
      double lr,
      long seed)
      throws IOException {
    int n = labels.length;
    int s = encoder.imageSize();
    Shape chw = encoder.trunkShape();
    Shape input = new Shape(n).addAll(chw);
    Djl.seed(seed);
    SequentialBlock backbone = Encoders.backbone(encoder.preset());
    AdamOptimizer adam = new AdamOptimizer(false, 0f);
    adam.setLearningRate((float) lr);
    TaskLoss loss = new TaskLoss(TargetSpec.Loss.CROSS_ENTROPY, new float[0]);
    try (Model model = Model.newInstance("finetune", Device.cpu(), "PyTorch")) {
      NDManager mm = model.getNDManager();
      backbone.initialize(mm, DataType.FLOAT32, new Shape(1, encoder.channels(), s, s));
      FrozenEncoder.load(backbone, mm, encoder.parameters());
      SequentialBlock tail = new SequentialBlock();
      BlockList children = backbone.getChildren();
      for (int i = encoder.tailStart(); i < children.size(); i++) {
        tail.add(children.get(i).getValue());
      }
      Linear head = Linear.builder().setUnits(ways).build();
      SequentialBlock net = new SequentialBlock().add(tail).add(head);
      model.setBlock(net);
      net.initialize(mm, DataType.FLOAT32, input);
      ParameterStore store = new ParameterStore(mm, false);
      float[] xs = flatten(support);
      try (NDManager m = mm.newSubManager()) {
        float[] f =
            tail.forward(store, new NDList(m.create(xs, input)), false)
                .singletonOrThrow()
                .toFloatArray();
        prototypeHead(head, rows(f, n), labels, ways);
      }
      try (Trainer trainer =
          model.newTrainer(
              new DefaultTrainingConfig(loss)
                  .optOptimizer(adam)
                  .optDevices(new Device[] {Device.cpu()}))) {
        trainer.initialize(input);
        float[] onehot = new float[n * ways];
        for (int i = 0; i < n; i++) {
          onehot[i * ways + labels[i]] = 1;
        }
        for (int step = 0; step < steps; step++) {
          try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray x = m.create(xs, input);
            NDArray y = m.create(onehot, new Shape(n, ways));
            zeroGradients(net);
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList out = net.forward(store, new NDList(x), false);
              gc.backward(loss.evaluate(new NDList(y), out));
            }
            trainer.step();
          }
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
          NDArray x = m.create(flatten(query), new Shape(query.length).addAll(chw));
          float[] flat = net.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
          double[][] out = new double[query.length][ways];
          for (int q = 0; q < query.length; q++) {
            for (int k = 0; k < ways; k++) {
              out[q][k] = flat[q * ways + k];
            }
            Heads.softmaxInPlace(out[q]);
          }
          return out;
        }
      }
    }
  }

  /**
   * Zeroes the gradients of {@code net}'s weights only: {@code GradientCollector.zeroGradients}
   * walks every array the engine holds, which costs more than a step of this small net.
   */
  static void zeroGradients(Block net) {
    for (var p : net.getParameters()) {
      NDArray a = p.getValue().getArray();
      if (a.hasGradient()) {
        try (NDArray g = a.getGradient()) {
          g.muli(0);
        }
      }
    }
  }

  /** Sets the head to the prototype classifier of {@code features} (see the class comment). */
  static void prototypeHead(Linear head, float[][] features, int[] labels, int ways) {
    int d = features[0].length;
    double spread = Heads.spread(features);
    double s2 = spread * spread;
    double[][] proto = new double[ways][d];
    int[] count = new int[ways];
    for (int i = 0; i < features.length; i++) {
      count[labels[i]]++;
      for (int j = 0; j < d; j++) {
        proto[labels[i]][j] += features[i][j];
      }
    }
    float[] w = new float[ways * d];
    float[] b = new float[ways];
    for (int k = 0; k < ways; k++) {
      double norm = 0;
      for (int j = 0; j < d; j++) {
        double c = proto[k][j] / Math.max(1, count[k]);
        w[k * d + j] = (float) (2 * c / s2);
        norm += c * c;
      }
      b[k] = (float) (-norm / s2);
    }
    head.getParameters().get("weight").getArray().set(FloatBuffer.wrap(w));
    head.getParameters().get("bias").getArray().set(FloatBuffer.wrap(b));
  }

  static float[] flatten(float[][] rows) {
    int k = rows[0].length;
    float[] out = new float[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * k, k);
    }
    return out;
  }

  static float[][] rows(float[] flat, int n) {
    int k = flat.length / n;
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
    }
    return out;
  }
}
