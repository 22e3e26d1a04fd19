package io.medloom.learn.data;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Label;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.transform.Augmentation;
import io.medloom.core.transform.Keyed;
import io.medloom.core.transform.RandomTransform;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns samples of a {@link SampleReader} into {@link Example}s for one task: decode the image,
 * apply the (seeded) transform, normalize, encode the label. Samples without a usable label for the
 * task are left out and counted. Thread-safe: the reader is, and everything here is immutable.
 */
public final class Examples {
  private final SampleReader reader;
  private final TargetSpec spec;
  private final int channels;
  private final int size;
  private final Normalization norm;
  private final RandomTransform transform;
  private final boolean training;
  private final long seed;
  private final List<Integer> positions;
  private final List<Label> labels; // by index into positions
  private final int skipped;

  /**
   * @param training apply {@code augmentation} (else only the resize)
   * @param norm intensity normalization; regression targets use its {@code targetMean/Std}
   */
  public Examples(
      SampleReader reader,
      TargetSpec spec,
      int size,
      Normalization norm,
      Augmentation augmentation,
      boolean training,
      long seed)
      throws IOException {
    checkArgument(reader.columns().contains(Column.IMAGE), "the reader must open IMAGE");
    checkArgument(reader.columns().contains(Column.LABELS), "the reader must open LABELS");
    this.reader = reader;
    this.spec = spec;
    this.channels = reader.info().inputSize().get(0);
    this.size = size;
    this.norm = norm;
    this.training = training;
    this.seed = seed;
    boolean flipSafe = Augmentation.flipIsSafe(reader.info().modalities());
    this.transform =
        training ? augmentation.training(size, flipSafe) : Augmentation.evaluation(size);
    List<Integer> pos = new ArrayList<>();
    List<Label> lab = new ArrayList<>();
    int skip = 0;
    String task = spec.task().name();
    for (int p = 0; p < reader.size(); p++) {
      SampleRecord s = reader.get(p, Set.of(Column.LABELS));
      var l = s.label(task).filter(spec::usable);
      if (l.isEmpty() || s.width() == 0) {
        skip++;
        continue;
      }
      pos.add(p);
      lab.add(l.get());
    }
    this.positions = List.copyOf(pos);
    this.labels = List.copyOf(lab);
    this.skipped = skip;
  }

  /** Number of usable examples. */
  public int size() {
    return positions.size();
  }

  /** Samples of the split left out for lack of a usable label (or an image). */
  public int skipped() {
    return skipped;
  }

  public TargetSpec spec() {
    return spec;
  }

  public int channels() {
    return channels;
  }

  public int imageSize() {
    return size;
  }

  public SampleReader reader() {
    return reader;
  }

  /** The reader position of example {@code i}. */
  public int position(int i) {
    return positions.get(i);
  }

  /** The label of example {@code i}. */
  public Label label(int i) {
    return labels.get(i);
  }

  /** Class index of example {@code i} for single-label tasks (balanced sampling), else -1. */
  public int classOf(int i) {
    TaskTarget t = spec.target();
    return t == TaskTarget.MULTILABEL || t == TaskTarget.REGRESSION ? -1 : labels.get(i).index();
  }

  /**
   * Example {@code i}; {@code epoch} and {@code slot} (its place in the epoch's order) seed the
   * augmentation, so the same run draws the same images whatever thread makes them.
   */
  public Example get(int i, int epoch, int slot) throws IOException {
    SampleRecord s = reader.get(positions.get(i), Set.of(Column.IMAGE));
    Raster img = s.image().orElseThrow().withChannels(channels);
    SplittableRandom rng = new SplittableRandom(mix(seed, epoch, slot));
    Raster out = transform.apply(Keyed.of(img), rng).image();
    return new Example(
        positions.get(i),
        toFloats(out),
        spec.encode(labels.get(i), norm.targetMean(), norm.targetStd()));
  }

  /** A transformed image as the network sees it: normalized floats, CHW. */
  public float[] toFloats(Raster r) {
    checkArgument(r.width() == size && r.height() == size, "image is not %sx%s", size, size);
    return floats(r, norm);
  }

  /** {@code (v/255 - mean) / std} per pixel, channels first (CHW). */
  public static float[] floats(Raster r, Normalization norm) {
    int hw = r.width() * r.height();
    int channels = r.channels();
    float[] out = new float[channels * hw];
    byte[] px = r.pixels();
    float scale = (float) (1 / (255.0 * norm.std()));
    float shift = (float) (norm.mean() / norm.std());
    for (int p = 0; p < hw; p++) {
      for (int c = 0; c < channels; c++) {
        out[c * hw + p] = (px[p * channels + c] & 0xff) * scale - shift;
      }
    }
    return out;
  }

  public boolean training() {
    return training;
  }

  /** SplitMix-style mixing of three numbers into one seed. */
  static long mix(long a, long b, long c) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + c;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
