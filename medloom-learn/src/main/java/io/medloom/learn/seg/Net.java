package io.medloom.learn.seg;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.medloom.learn.train.AdamOptimizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One U-Net being trained: its model, trainer and optimizer. Weights restored from a checkpoint go
 * in before the trainer exists (the trainer then adopts them); the optimizer's moments after.
 */
final class Net implements AutoCloseable {
  final Model model;
  final Trainer trainer;
  final AdamOptimizer optimizer;
  final int size;

  /**
   * @param weights weights to start from (a checkpoint), or null for a fresh initialisation
   * @param moments the optimizer state to restore with them, or null
   */
  Net(String name, List<Integer> widths, int batch, int size, Path weights, Path moments)
      throws IOException {
    this(name, widths, batch, size, weights, moments, null);
  }

  /**
   * @param warmStart weights copied into the freshly initialised parameters (values only: the
   *     parameters stay the arrays the trainer made and collects gradients on), or null
   */
  Net(
      String name,
      List<Integer> widths,
      int batch,
      int size,
      Path weights,
      Path moments,
      Path warmStart)
      throws IOException {
    this.size = size;
    this.optimizer = new AdamOptimizer(false, 0f);
    this.model = Model.newInstance(name, Device.cpu(), "PyTorch");
    model.setBlock(UNet.build(widths));
    Shape input = new Shape(batch, 1, size, size);
    if (weights != null) {
      model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, input);
      loadWeights(model, weights);
    }
    // The loss is computed by the training loop itself; DJL's config still wants one.
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(Loss.l2Loss())
            .optOptimizer(optimizer)
            .optDevices(new Device[] {Device.cpu()});
    this.trainer = model.newTrainer(tc);
    trainer.initialize(input);
    if (moments != null) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(moments))) {
        optimizer.load(in, model.getBlock().getParameters(), model.getNDManager());
      }
    }
    if (warmStart != null && weights == null) {
      copyValues(warmStart, widths, input);
    }
    if (weights != null) {
      // Loaded arrays replaced the initial ones: make sure they collect gradients as those did
      // (without this a warm-started network trained on undefined gradients and went to NaN).
      for (var p : model.getBlock().getParameters()) {
        if (p.getValue().requiresGradient() && !p.getValue().getArray().hasGradient()) {
          p.getValue().getArray().setRequiresGradient(true);
        }
      }
    }
  }

  /** Copies the values of a saved U-Net into this network's parameters, pairwise by position. */
  private void copyValues(Path from, List<Integer> widths, Shape input) throws IOException {
    try (Model src = Model.newInstance("warm-start", Device.cpu(), "PyTorch")) {
      src.setBlock(UNet.build(widths));
      src.getBlock().initialize(src.getNDManager(), DataType.FLOAT32, input);
      loadWeights(src, from);
      var a = src.getBlock().getParameters().values();
      var b = model.getBlock().getParameters().values();
      if (a.size() != b.size()) {
        throw new IOException(from + " holds a different network");
      }
      for (int i = 0; i < a.size(); i++) {
        a.get(i).getArray().copyTo(b.get(i).getArray());
      }
    }
  }

  static void loadWeights(Model model, Path weights) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(weights))) {
      model.getBlock().loadParameters(model.getNDManager(), new DataInputStream(in));
    } catch (MalformedModelException e) {
      throw new IOException("damaged weights " + weights + ": " + e.getMessage(), e);
    }
  }

  void saveWeights(Path to) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(to))) {
      model.getBlock().saveParameters(new DataOutputStream(out));
    }
  }

  void saveMoments(Path to) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(to))) {
      optimizer.save(out, model.getBlock().getParameters());
    }
  }

  /** Foreground probabilities of {@code n} images (NCHW floats), inference mode: n*s*s values. */
  float[] foreground(float[] images, int n) {
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDArray x = m.create(images, new Shape(n, 1, size, size));
      NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
      return logits.softmax(1).get(new NDIndex(":, 1")).toFloatArray();
    }
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
