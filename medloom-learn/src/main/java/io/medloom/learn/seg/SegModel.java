package io.medloom.learn.seg;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.medloom.core.image.Raster;
import io.medloom.learn.Djl;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.model.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished segmentation model in inference mode: gray images in, foreground probabilities out.
 */
public final class SegModel implements AutoCloseable {
  private final SegModelInfo info;
  private final Model model;
  private final int size;

  private SegModel(SegModelInfo info, Model model) {
    this.info = info;
    this.model = model;
    this.size = info.preset().imageSize();
  }

  public static SegModelInfo readInfo(Path folder) throws IOException {
    ModelFolder f = new ModelFolder(folder);
    if (!Files.isRegularFile(f.info())) {
      throw new IllegalArgumentException(
          folder + " is not a MedLoom model folder: model.json is missing");
    }
    SegModelInfo i = ModelFolder.JSON.readValue(f.info().toFile(), SegModelInfo.class);
    if (!"seg".equals(i.kind())) {
      throw new IllegalArgumentException(
          folder + " holds a '" + i.kind() + "' model, not a segmentation model");
    }
    return i;
  }

  public static SegModel load(Path folder) throws IOException {
    SegModelInfo info = readInfo(folder);
    ModelFolder f = new ModelFolder(folder);
    if (!"finished".equals(info.status()) || !Files.isRegularFile(f.params())) {
      throw new IllegalArgumentException(
          folder + " holds an unfinished training run; run train seg again to resume it");
    }
    Djl.engine();
    Model m = Model.newInstance("unet", Device.cpu(), "PyTorch");
    try {
      m.setBlock(UNet.build(info.preset().widths()));
      int s = info.preset().imageSize();
      m.getBlock().initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 1, s, s));
      Net.loadWeights(m, f.params());
      return new SegModel(info, m);
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  public SegModelInfo info() {
    return info;
  }

  public int size() {
    return size;
  }

  /** A gray image at the model's side as the network sees it. */
  public float[] floats(Raster gray) {
    return Appearance.input(gray, info.normalization(), info.appearanceOrDefault().perImage());
  }

  static float[] floats(Raster gray, Normalization n) {
    byte[] px = gray.pixels();
    float[] out = new float[px.length];
    float scale = (float) (1 / (255.0 * n.std()));
    float shift = (float) (n.mean() / n.std());
    for (int i = 0; i < px.length; i++) {
      out[i] = (px[i] & 0xff) * scale - shift;
    }
    return out;
  }

  /** Foreground probabilities of {@code n} images (n*s*s floats). */
  public float[] foreground(float[] images, int n) {
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray x = m.create(images, new Shape(n, 1, size, size));
      NDArray logits =
          model
              .getBlock()
              .forward(new ParameterStore(m, false), new NDList(x), false)
              .singletonOrThrow();
      return logits.softmax(1).get(new NDIndex(":, 1")).toFloatArray();
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
