package io.medloom.learn.fewshot;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import io.medloom.learn.Djl;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.train.AdamOptimizer;
import io.medloom.learn.train.TaskLoss;
import java.io.IOException;

/**
 * Full fine-tuning on an episode's support set: the encoder's weights, a new linear head, every
 * weight trained with Adam on the whole support set for a fixed number of steps (batch norm on
 * batch statistics while training, running statistics for the query), starting again from the same
 * encoder for every episode. The head's initialisation is seeded per episode.
 */
final class FineTune {
  /** Momentum 0.9: after 30 passes the start keeps 0.9^30, about 4%, of the running statistics. */
  static final int RECALIBRATION_PASSES = 30;

  private FineTune() {}

  /** Class probabilities of the query rows. */
  static double[][] run(
      FrozenEncoder encoder,
      float[] support,
      int[] labels,
      int ways,
      float[] query,
      int queryRows,
      int steps,
      double lr,
      long seed)
      throws IOException {
    int s = encoder.imageSize();
    int c = encoder.channels();
    int n = labels.length;
    Djl.seed(seed);
    SequentialBlock backbone = io.medloom.learn.nn.Encoders.backbone(encoder.preset());
    Linear head = Linear.builder().setUnits(ways).build();
    head.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
        Parameter.Type.WEIGHT);
    SequentialBlock net = new SequentialBlock().add(backbone).add(head);
    AdamOptimizer adam = new AdamOptimizer(false, 0f);
    adam.setLearningRate((float) lr);
    TaskLoss loss = new TaskLoss(TargetSpec.Loss.CROSS_ENTROPY, new float[0]);
    try (Model model = Model.newInstance("finetune", Device.cpu(), "PyTorch")) {
      model.setBlock(net);
      Shape input = new Shape(n, c, s, s);
      // Weights go in before the trainer exists, which then adopts them.
      net.initialize(model.getNDManager(), DataType.FLOAT32, input);
      FrozenEncoder.load(backbone, model.getNDManager(), encoder.parameters());
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
            NDArray x = m.create(support, input);
            NDArray y = m.create(onehot, new Shape(n, ways));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              gc.zeroGradients();
              NDArray l = loss.evaluate(new NDList(y), trainer.forward(new NDList(x)));
              gc.backward(l);
            }
            trainer.step();
          }
        }
        // Batch norm trained on the support's batch statistics; its running statistics still
        // remember the start. Forward passes in training mode (no step) move them onto the
        // support's, so the query is normalized as the support was: without this a random or
        // briefly tuned encoder puts every query row in one class.
        for (int pass = 0; pass < RECALIBRATION_PASSES; pass++) {
          try (NDManager m = trainer.getManager().newSubManager()) {
            trainer.forward(new NDList(m.create(support, input)));
          }
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
          float[] flat =
              trainer
                  .evaluate(new NDList(m.create(query, new Shape(queryRows, c, s, s))))
                  .singletonOrThrow()
                  .toFloatArray();
          double[][] out = new double[queryRows][ways];
          for (int q = 0; q < queryRows; q++) {
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
}
