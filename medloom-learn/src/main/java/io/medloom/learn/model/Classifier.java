package io.medloom.learn.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.medloom.learn.Djl;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.nn.Encoders;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * A trained classifier loaded for inference: its {@link ModelInfo} and network, evaluated in
 * inference mode (batch norm uses its running statistics). Not thread-safe.
 */
public final class Classifier implements AutoCloseable {
  private final ModelInfo info;
  private final TargetSpec spec;
  private final NDManager manager;
  private final Block block;
  private final ParameterStore store;

  private Classifier(ModelInfo info, NDManager manager, Block block) {
    this.info = info;
    this.spec = TargetSpec.of(info.task());
    this.manager = manager;
    this.block = block;
    this.store = new ParameterStore(manager, false);
  }

  /** Loads a finished model folder. */
  public static Classifier load(ModelFolder folder) throws IOException {
    ModelInfo info = folder.read();
    if (!"finished".equals(info.status()) || !Files.exists(folder.params())) {
      throw new IllegalArgumentException(
          folder.root()
              + " holds no finished model (status "
              + info.status()
              + "); re-run the train command to resume it");
    }
    Djl.engine();
    NDManager manager = NDManager.newBaseManager();
    try {
      Block block = Encoders.classifier(info.preset(), TargetSpec.of(info.task()).outputs());
      int s = info.preset().imageSize();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, info.channels(), s, s));
      try (InputStream in = new BufferedInputStream(Files.newInputStream(folder.params()))) {
        block.loadParameters(manager, new DataInputStream(in));
      }
      return new Classifier(info, manager, block);
    } catch (MalformedModelException | RuntimeException e) {
      manager.close();
      throw new IOException(
          "cannot load the weights in " + folder.params() + ": " + e.getMessage(), e);
    }
  }

  public ModelInfo info() {
    return info;
  }

  public TargetSpec spec() {
    return spec;
  }

  /** Raw outputs (logits) for {@code n} images given as NCHW floats. */
  public float[][] logits(float[] images, int n) {
    int s = info.preset().imageSize();
    int c = info.channels();
    float[][] out = new float[n][];
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(images, new Shape(n, c, s, s));
      NDList y = block.forward(store, new NDList(x), false);
      float[] flat = y.singletonOrThrow().toFloatArray();
      int k = flat.length / n;
      for (int i = 0; i < n; i++) {
        out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
      }
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
