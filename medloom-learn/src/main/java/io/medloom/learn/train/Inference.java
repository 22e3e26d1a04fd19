package io.medloom.learn.train;

import io.medloom.learn.data.Examples;
import io.medloom.learn.data.HostBatch;
import io.medloom.learn.data.Loader;
import io.medloom.learn.data.Samplers;
import java.util.Iterator;

/** Runs a network over every example of a split, in order, and keeps outputs and targets. */
public final class Inference {
  private Inference() {}

  /** A network in inference mode: NCHW floats of {@code n} images in, logits out. */
  @FunctionalInterface
  public interface Forward {
    float[][] logits(float[] images, int n);
  }

  /** Outputs and targets, row i for example i. */
  public record Outputs(float[][] logits, float[][] targets) {}

  public static Outputs run(Forward net, Loader loader, int batch) {
    Examples ex = loader.examples();
    int n = ex.size();
    float[][] logits = new float[n][];
    float[][] targets = new float[n][];
    int outputs = ex.spec().outputs();
    Iterator<HostBatch> it = loader.epoch(Samplers.sequential(n), batch, 0, false);
    int at = 0;
    while (it.hasNext()) {
      HostBatch b = it.next();
      float[][] out = net.logits(b.images(), b.n());
      for (int i = 0; i < b.n(); i++, at++) {
        logits[at] = out[i];
        targets[at] = java.util.Arrays.copyOfRange(b.targets(), i * outputs, (i + 1) * outputs);
      }
    }
    return new Outputs(logits, targets);
  }
}
