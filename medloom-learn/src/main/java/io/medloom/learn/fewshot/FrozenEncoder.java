package io.medloom.learn.fewshot;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.medloom.learn.Djl;
import io.medloom.learn.Preset;
import io.medloom.learn.clip.ClipModel;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.model.ModelInfo;
import io.medloom.learn.nn.Encoders;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;

/**
 * An image encoder without a head, in inference mode: images to pooled features. Its weights are
 * kept as bytes too, so that a full fine-tune can start every episode from exactly the same
 * encoder. Not thread-safe.
 *
 * @see #random(Preset, int, long)
 */
public final class FrozenEncoder implements AutoCloseable {
  private final String name;
  private final Preset preset;
  private final int channels;
  private final Optional<Normalization> normalization;
  private final byte[] parameters;
  private final NDManager manager;
  private final SequentialBlock block;
  private final ParameterStore store;

  private FrozenEncoder(
      String name,
      Preset preset,
      int channels,
      Optional<Normalization> normalization,
      byte[] parameters,
      NDManager manager,
      SequentialBlock block) {
    this.name = name;
    this.preset = preset;
    this.channels = channels;
    this.normalization = normalization;
    this.parameters = parameters;
    this.manager = manager;
    this.block = block;
    this.store = new ParameterStore(manager, false);
  }

  /** A randomly initialised encoder (seeded): the floor every learned encoder must beat. */
  public static FrozenEncoder random(Preset preset, int channels, long seed) throws IOException {
    Djl.engine();
    Djl.seed(seed);
    NDManager manager = NDManager.newBaseManager();
    SequentialBlock block = Encoders.backbone(preset);
    int s = preset.imageSize();
    block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, s, s));
    return new FrozenEncoder(
        "random:" + preset.name(), preset, channels, Optional.empty(), save(block), manager, block);
  }

  /** The image tower of a vision–language model, with the model's input normalization. */
  public static FrozenEncoder clip(ClipModel model) throws IOException {
    return of(
        model.folder().root().getFileName().toString(),
        model.info().preset(),
        model.info().channels(),
        Optional.of(model.info().normalization()),
        model.imageTowerParameters());
  }

  /**
   * An encoder of {@code preset}'s architecture with the given weights. Without a normalization,
   * each dataset's pixels are standardized with its own mean and spread.
   */
  public static FrozenEncoder of(
      String name,
      Preset preset,
      int channels,
      Optional<Normalization> normalization,
      byte[] parameters)
      throws IOException {
    Djl.engine();
    NDManager manager = NDManager.newBaseManager();
    try {
      SequentialBlock block = Encoders.backbone(preset);
      int s = preset.imageSize();
      block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, s, s));
      load(block, manager, parameters);
      return new FrozenEncoder(
          name, preset, channels, normalization, parameters.clone(), manager, block);
    } catch (RuntimeException | IOException e) {
      manager.close();
      throw new IOException("cannot load the encoder weights of " + name + ": " + e, e);
    }
  }

  /**
   * The encoder of a {@code train classify} model: its network without the linear head, with the
   * model's input normalization. A supervised encoder is the natural pre-trained baseline.
   */
  public static FrozenEncoder classifier(ModelFolder folder) throws IOException {
    ModelInfo info = folder.read();
    if (!"classify".equals(info.kind()) || !"finished".equals(info.status())) {
      throw new IllegalArgumentException(
          folder.root()
              + " holds no finished classify model (kind "
              + info.kind()
              + ", status "
              + info.status()
              + ")");
    }
    Djl.engine();
    Preset preset = info.preset();
    int s = preset.imageSize();
    Shape one = new Shape(1, info.channels(), s, s);
    try (NDManager m = NDManager.newBaseManager()) {
      Block full = Encoders.classifier(preset, TargetSpec.of(info.task()).outputs());
      full.initialize(m, DataType.FLOAT32, one);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(folder.params()))) {
        full.loadParameters(m, new DataInputStream(in));
      } catch (MalformedModelException e) {
        throw new IOException("cannot load " + folder.params() + ": " + e.getMessage(), e);
      }
      SequentialBlock backbone = Encoders.backbone(preset);
      backbone.initialize(m, DataType.FLOAT32, one);
      // The classifier is the backbone with a linear layer appended: the backbone's parameters
      // are, in order, the first ones of the classifier's.
      PairList<String, Parameter> from = full.getParameters();
      PairList<String, Parameter> to = backbone.getParameters();
      for (int i = 0; i < to.size(); i++) {
        NDArray a = from.get(i).getValue().getArray();
        NDArray b = to.get(i).getValue().getArray();
        if (!a.getShape().equals(b.getShape())
            || !from.get(i).getKey().equals(to.get(i).getKey())) {
          throw new IOException(
              folder.params()
                  + ": parameter "
                  + from.get(i).getKey()
                  + " does not match the "
                  + preset.encoder()
                  + " backbone's "
                  + to.get(i).getKey());
        }
        b.set(FloatBuffer.wrap(a.toFloatArray()));
      }
      return of(
          folder.root().getFileName().toString(),
          preset,
          info.channels(),
          Optional.ofNullable(info.normalization()),
          save(backbone));
    }
  }

  static byte[] save(SequentialBlock block) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    }
    return bytes.toByteArray();
  }

  static void load(SequentialBlock block, NDManager manager, byte[] parameters) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  public String name() {
    return name;
  }

  public Preset preset() {
    return preset;
  }

  public int channels() {
    return channels;
  }

  public int imageSize() {
    return preset.imageSize();
  }

  /** The normalization the encoder was trained with; empty: per dataset. */
  public Optional<Normalization> normalization() {
    return normalization;
  }

  /** A copy of the weights. */
  public byte[] parameters() {
    return parameters.clone();
  }

  /**
   * Where the fine-tuned tail starts among the backbone's children: the last stage (the small CNN's
   * last conv-BN-ReLU-pool, a ResNet's last residual block) with the pooling after it.
   */
  int tailStart() {
    int n = block.getChildren().size();
    return preset.encoder().equals("cnn") ? n - 6 : n - 3;
  }

  /** The [C,H,W] of what the frozen trunk (every child before {@link #tailStart()}) outputs. */
  Shape trunkShape() {
    int s = preset.imageSize();
    Shape[] shape = {new Shape(1, channels, s, s)};
    for (int i = 0; i < tailStart(); i++) {
      shape = block.getChildren().get(i).getValue().getOutputShapes(shape);
    }
    return shape[0].slice(1);
  }

  /** The frozen trunk's outputs of {@code n} images, flattened per image, in batches of 64. */
  float[][] trunk(float[] images, int n) {
    int s = preset.imageSize();
    int per = channels * s * s;
    int t = tailStart();
    float[][] out = new float[n][];
    for (int from = 0; from < n; from += 64) {
      int b = Math.min(64, n - from);
      float[] part = Arrays.copyOfRange(images, from * per, (from + b) * per);
      try (NDManager m = manager.newSubManager()) {
        NDList x = new NDList(m.create(part, new Shape(b, channels, s, s)));
        for (int i = 0; i < t; i++) {
          x = block.getChildren().get(i).getValue().forward(store, x, false);
        }
        float[] flat = x.singletonOrThrow().toFloatArray();
        int k = flat.length / b;
        for (int i = 0; i < b; i++) {
          out[from + i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
      }
    }
    return out;
  }

  /** Pooled features of {@code n} images given as normalized NCHW floats, in batches of 64. */
  public float[][] features(float[] images, int n) {
    int s = preset.imageSize();
    int per = channels * s * s;
    float[][] out = new float[n][];
    for (int from = 0; from < n; from += 64) {
      int b = Math.min(64, n - from);
      float[] part = Arrays.copyOfRange(images, from * per, (from + b) * per);
      try (NDManager m = manager.newSubManager()) {
        float[] flat =
            block
                .forward(store, new NDList(m.create(part, new Shape(b, channels, s, s))), false)
                .singletonOrThrow()
                .toFloatArray();
        int k = flat.length / b;
        for (int i = 0; i < b; i++) {
          out[from + i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
