package io.medloom.learn.data;

import static io.medloom.core.Checks.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    int batches = dropLast ? order.length / batch : (order.length + batch - 1) / batch;
    return new Iterator<>() {
      private final ArrayDeque<Future<HostBatch>> inFlight = new ArrayDeque<>();
      private int submitted;
      private int taken;

      private void fill() {
        while (submitted < batches && inFlight.size() < prefetch) {
          int from = submitted * batch;
          int to = Math.min(order.length, from + batch);
          inFlight.add(pool.submit(() -> assemble(order, from, to, epoch)));
          submitted++;
        }
      }

      @Override
      public boolean hasNext() {
        return taken < batches;
      }

      @Override
      public HostBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        fill();
        Future<HostBatch> f = inFlight.poll();
        taken++;
        fill();
        try {
          return f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while loading a batch", e);
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof IOException io) {
            throw new UncheckedIOException(io.getMessage(), io);
          }
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("loading a batch failed: " + c, c);
        }
      }
    };
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
