package io.medloom.learn.clip;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.medloom.learn.Djl;
import io.medloom.learn.data.Samplers;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.text.TextTokenizer;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A trained vision–language model loaded for inference (batch norm on running statistics): image
 * and text embeddings in the joint space, the image features before the projection (for linear
 * probes), and the learned scale. Not thread-safe.
 */
public final class ClipModel implements AutoCloseable {
  private static final int TEXT_BATCH = 64;

  private final ModelFolder folder;
  private final ClipInfo info;
  private final TextTokenizer tokenizer;
  private final NDManager manager;
  private final ClipNet net;
  private final ParameterStore store;
  private final float scale;

  private ClipModel(
      ModelFolder folder, ClipInfo info, TextTokenizer tokenizer, NDManager manager, ClipNet net) {
    this.folder = folder;
    this.info = info;
    this.tokenizer = tokenizer;
    this.manager = manager;
    this.net = net;
    this.store = new ParameterStore(manager, false);
    try (NDManager m = manager.newSubManager()) {
      int t = info.spec().maxTokens();
      int s = info.preset().imageSize();
      NDList out =
          net.forward(
              store,
              new NDList(
                  m.zeros(new Shape(1, info.channels(), s, s)),
                  m.zeros(new Shape(1, t), DataType.INT64),
                  m.ones(new Shape(1, t))),
              false);
      this.scale = out.get(2).getFloat();
    }
  }

  /** Loads a finished model folder written by {@code train clip}. */
  public static ClipModel load(Path dir) throws IOException {
    ModelFolder folder = new ModelFolder(dir);
    ClipInfo info = ClipInfo.read(folder);
    if (!"finished".equals(info.status()) || !Files.exists(folder.params())) {
      throw new IllegalArgumentException(
          dir + " holds no finished model (status " + info.status() + "); re-run train clip");
    }
    TextTokenizer tokenizer =
        TextTokenizer.load(dir.resolve(TextTokenizer.FILE), info.spec().maxTokens())
            .withRewrite(info.marks());
    Djl.engine();
    NDManager manager = NDManager.newBaseManager();
    try {
      ClipNet net = new ClipNet(info.preset(), info.spec());
      int s = info.preset().imageSize();
      int t = info.spec().maxTokens();
      net.initialize(
          manager,
          DataType.FLOAT32,
          new Shape(1, info.channels(), s, s),
          new Shape(1, t),
          new Shape(1, t));
      try (InputStream in = new BufferedInputStream(Files.newInputStream(folder.params()))) {
        net.loadParameters(manager, new DataInputStream(in));
      }
      return new ClipModel(folder, info, tokenizer, manager, net);
    } catch (MalformedModelException | RuntimeException e) {
      manager.close();
      throw new IOException(
          "cannot load the weights in " + folder.params() + ": " + e.getMessage(), e);
    }
  }

  public ClipInfo info() {
    return info;
  }

  public ModelFolder folder() {
    return folder;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  /** The learned logit scale (at most 100). */
  public float scale() {
    return scale;
  }

  /** A split of a dataset as this model sees it (its image size and normalization). */
  public ClipData open(SampleReader reader) throws IOException {
    return new ClipData(
        reader,
        info.preset().imageSize(),
        info.normalization(),
        info.preset().augmentation(),
        false,
        info.seed());
  }

  /** Opens a split's reader with the columns evaluation needs. */
  public static SampleReader reader(Path dataset, SplitScheme scheme, String split)
      throws IOException {
    return SampleReader.open(dataset, scheme, Optional.of(split), ClipData.COLUMNS);
  }

  /** L2-normalised text embeddings, one row per text. */
  public float[][] texts(List<String> texts) {
    int t = tokenizer.maxLength();
    float[][] out = new float[texts.size()][];
    for (int from = 0; from < texts.size(); from += TEXT_BATCH) {
      List<String> part = texts.subList(from, Math.min(texts.size(), from + TEXT_BATCH));
      float[] mask = new float[part.size() * t];
      long[] ids = tokenizer.encode(part, mask);
      try (NDManager m = manager.newSubManager()) {
        NDArray e =
            net.forward(
                    store,
                    new NDList(
                        m.create(ids, new Shape(part.size(), t)),
                        m.create(mask, new Shape(part.size(), t))),
                    false)
                .singletonOrThrow();
        float[][] rows = rows(e.toFloatArray(), part.size());
        System.arraycopy(rows, 0, out, from, rows.length);
      }
    }
    return out;
  }

  /** Image embeddings and features of every example of a split, in order. */
  public record Images(float[][] embeddings, float[][] features) {}

  public Images images(ClipData data, int batch, int threads) {
    int n = data.size();
    float[][] emb = new float[n][];
    float[][] feat = new float[n][];
    int s = data.imageSize();
    try (ClipBatches batches = new ClipBatches(data, tokenizer, threads)) {
      Iterator<ClipBatches.Batch> it =
          batches.epoch(Samplers.sequential(n), batch, 0, false, false, true);
      int at = 0;
      while (it.hasNext()) {
        ClipBatches.Batch b = it.next();
        try (NDManager m = manager.newSubManager()) {
          NDList out =
              net.forward(
                  store,
                  new NDList(m.create(b.images(), new Shape(b.n(), data.channels(), s, s))),
                  false);
          float[][] e = rows(out.get(0).toFloatArray(), b.n());
          float[][] f = rows(out.get(1).toFloatArray(), b.n());
          System.arraycopy(e, 0, emb, at, b.n());
          System.arraycopy(f, 0, feat, at, b.n());
          at += b.n();
        }
      }
    }
    return new Images(emb, feat);
  }

  /** Embeddings and features of {@code n} images given as normalized NCHW floats. */
  public Images embed(float[] images, int n) {
    int s = info.preset().imageSize();
    try (NDManager m = manager.newSubManager()) {
      NDList out =
          net.forward(
              store, new NDList(m.create(images, new Shape(n, info.channels(), s, s))), false);
      return new Images(rows(out.get(0).toFloatArray(), n), rows(out.get(1).toFloatArray(), n));
    }
  }

  /**
   * ASG's tag-head probabilities (sigmoid, one column per {@link FindingTags#TAGS} entry) of image
   * features as {@link #images} gives them; null when the model has no tag head (not {@code asg}).
   */
  public float[][] tagProbabilities(float[][] features) {
    if (info.spec().tags() == 0 || features.length == 0) {
      return null;
    }
    int f = features[0].length;
    float[] flat = new float[features.length * f];
    for (int i = 0; i < features.length; i++) {
      System.arraycopy(features[i], 0, flat, i * f, f);
    }
    try (NDManager m = manager.newSubManager()) {
      NDArray logits = net.tagLogits(store, m.create(flat, new Shape(features.length, f)));
      float[] z = logits.toFloatArray();
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) (1 / (1 + Math.exp(-z[i])));
      }
      return rows(z, features.length);
    }
  }

  /** The image encoder's weights, serialized as DJL writes a block's parameters. */
  public byte[] imageTowerParameters() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      net.imageTower().saveParameters(out);
    }
    return bytes.toByteArray();
  }

  static float[][] rows(float[] flat, int n) {
    int k = flat.length / n;
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Override
  public void close() {
    manager.close();
  }
}
