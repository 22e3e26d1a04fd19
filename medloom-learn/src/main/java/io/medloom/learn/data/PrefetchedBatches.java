package io.medloom.learn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The batches of one epoch, assembled on a pool up to {@code prefetch} batches ahead of the
 * consumer, so decoding and augmentation overlap the training step. Batches come out in order; an
 * assembly failure surfaces at the {@code next()} that would have returned its batch.
 */
public final class PrefetchedBatches<T> implements Iterator<T> {

  /** Builds the batch of the examples at positions [from, to) of the epoch's order. */
  @FunctionalInterface
  public interface Assembler<T> {
    T assemble(int from, int to) throws IOException;
  }

  private final ExecutorService pool;
  private final int prefetch;
  private final int items;
  private final int batch;
  private final int batches;
  private final Assembler<T> assembler;
  private final ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
  private int submitted;
  private int taken;

  /**
   * {@code items} examples in batches of {@code batch}; the last batch may be smaller unless {@code
   * dropLast}.
   */
  public PrefetchedBatches(
      ExecutorService pool,
      int prefetch,
      int items,
      int batch,
      boolean dropLast,
      Assembler<T> assembler) {
    this.pool = pool;
    this.prefetch = prefetch;
    this.items = items;
    this.batch = batch;
    this.batches = dropLast ? items / batch : (items + batch - 1) / batch;
    this.assembler = assembler;
  }

  private void fill() {
    while (submitted < batches && inFlight.size() < prefetch) {
      int from = submitted * batch;
      int to = Math.min(items, from + batch);
      inFlight.add(pool.submit(() -> assembler.assemble(from, to)));
      submitted++;
    }
  }

  @Override
  public boolean hasNext() {
    return taken < batches;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    fill();
    Future<T> f = inFlight.poll();
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
}
