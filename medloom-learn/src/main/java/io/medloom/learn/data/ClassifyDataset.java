package io.medloom.learn.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;

/**
 * The {@link Examples} of a split as a DJL {@link RandomAccessDataset}, so DJL's own samplers,
 * batchifiers and {@code Trainer.iterateDataset} work on MedLoom datasets. Record {@code i} is
 * example {@code i}: data {@code [C,H,W]} float, label {@code [outputs]} float. Augmented examples
 * are seeded by (seed, 0, i). MedLoom's trainer uses the faster {@link Loader} over the same
 * examples.
 */
public final class ClassifyDataset extends RandomAccessDataset {
  private final Examples examples;

  private ClassifyDataset(Builder b) {
    super(b);
    this.examples = b.examples;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Record get(NDManager manager, long index) throws IOException {
    Example e = examples.get(Math.toIntExact(index), 0, Math.toIntExact(index));
    int s = examples.imageSize();
    return new Record(
        new NDList(manager.create(e.image(), new Shape(examples.channels(), s, s))),
        new NDList(manager.create(e.target())));
  }

  @Override
  protected long availableSize() {
    return examples.size();
  }

  @Override
  public void prepare(Progress progress) {
    // The reader decodes on demand: nothing to download or unpack.
  }

  /** Builder; {@code setExamples} and DJL's {@code setSampling} are required. */
  public static final class Builder extends BaseBuilder<Builder> {
    private Examples examples;

    public Builder setExamples(Examples examples) {
      this.examples = examples;
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    public ClassifyDataset build() {
      if (examples == null) {
        throw new IllegalArgumentException("ClassifyDataset needs examples (setExamples)");
      }
      return new ClassifyDataset(this);
    }
  }
}
