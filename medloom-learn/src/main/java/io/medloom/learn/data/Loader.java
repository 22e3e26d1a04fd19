package io.medloom.learn.data;

import static io.medloom.core.Checks.checkArgument;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A prefetching batch loader: background threads decode PNGs, apply the transforms and assemble
 * {@link HostBatch}es while the training thread works on earlier ones. Batches come out in order,
 * and each example's augmentation is seeded by its place in the epoch, so the result does not
 * depend on the number of threads or their timing.
 */
public final class Loader implements AutoCloseable {
  private final Examples examples;
  private final ExecutorService pool;
  private final int prefetch;

  /**
   * @param threads background decoding threads
   * @param prefetch batches kept in flight ahead of the consumer
   */
  public Loader(Examples examples, int threads, int prefetch) {
    checkArgument(threads >= 1, "threads must be >= 1: %s", threads);
    checkArgument(prefetch >= 1, "prefetch must be >= 1: %s", prefetch);
    this.examples = examples;
    this.prefetch = prefetch;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "medloom-loader-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public Examples examples() {
    return examples;
  }

  /**
   * The batches of one epoch visiting {@code order} (indices into the examples); the last batch may
   * be smaller unless {@code dropLast}.
   */
  public Iterator<HostBatch> epoch(int[] order, int batch, int epoch, boolean dropLast) {
    return new PrefetchedBatches<>(
        pool,
        prefetch,
        order.length,
        batch,
        dropLast,
        (from, to) -> assemble(order, from, to, epoch));
  }

  private HostBatch assemble(int[] order, int from, int to, int epoch) throws IOException {
    int n = to - from;
    int c = examples.channels();
    int s = examples.imageSize();
    int outputs = examples.spec().outputs();
    float[] images = new float[n * c * s * s];
    float[] targets = new float[n * outputs];
    int[] positions = new int[n];
    for (int k = 0; k < n; k++) {
      Example e = examples.get(order[from + k], epoch, from + k);
      System.arraycopy(e.image(), 0, images, k * c * s * s, e.image().length);
      System.arraycopy(e.target(), 0, targets, k * outputs, outputs);
      positions[k] = e.position();
    }
    return new HostBatch(n, positions, images, targets);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
