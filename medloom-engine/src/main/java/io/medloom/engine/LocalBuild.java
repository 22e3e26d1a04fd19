package io.medloom.engine;

import io.medloom.core.Progress;
import io.medloom.core.Timings;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Rejection;
import io.medloom.core.pipeline.Pipeline;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.Sources;
import io.medloom.core.source.UnusableSourceException;
import io.medloom.store.BuildDirectory;
import io.medloom.store.DuplicateFinder;
import io.medloom.store.ParquetShardWriter;
import io.medloom.store.RowEncoder;
import io.medloom.store.ShardRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local runner: reads every source in its fixed order, cuts the inputs into shards ({@link
 * ShardPlan}), runs the stages of each shard on {@code threads} workers, and hands the finished
 * shard to one writer thread while the next shard is computed.
 *
 * <p>Memory stays flat on any input size: at most {@code 4 x threads} inputs are in flight, and at
 * most two shards of encoded rows exist at once (one computing, one writing). Shards whose marker
 * exists are skipped, which is how a killed build resumes.
 */
public final class LocalBuild {
  private LocalBuild() {}

  /** Runs (or resumes, or recognises as done) the build and returns its dataset description. */
  public static DatasetInfo run(BuildConfig cfg, Progress progress) throws Exception {
    // Sources first: one that cannot be opened leaves neither an output folder nor a key behind.
    List<Source> sources = openSources(cfg);
    BuildDirectory dir = BuildDirectory.open(cfg.out(), cfg.configHash());
    try {
      return run(cfg, dir, sources, progress);
    } finally {
      dir.forgetKey(); // finished, failed or all rejected: a generated key never outlives the run
    }
  }

  private static DatasetInfo run(
      BuildConfig cfg, BuildDirectory dir, List<Source> sources, Progress progress)
      throws Exception {
    Optional<DatasetInfo> finished = dir.finishedInfo();
    if (finished.isPresent()) {
      return finished.get();
    }
    Pipeline pipeline = ShardComputer.pipeline(cfg, dir.secret(cfg.secret()));
    progress.start("build " + cfg.out().getFileName(), totalInputs(sources));
    BuildTally tally = new BuildTally(progress);
    Timings timings = new Timings();
    List<ShardRecord> records = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(cfg.threads(), daemon("medloom-worker"));
    ExecutorService writerThread = Executors.newSingleThreadExecutor(daemon("medloom-writer"));
    ThreadLocal<RowEncoder> encoders = ThreadLocal.withInitial(RowEncoder::new);
    try (ParquetShardWriter writer = new ParquetShardWriter()) {
      Future<ShardRecord> pending = null;
      ShardPlan plan = new ShardPlan(sources, cfg.shardSize());
      while (plan.hasNext()) {
        ShardPlan.Shard shard = plan.next();
        if (tally.skipIfPublished(dir, shard, records)) {
          continue;
        }
        Source src = sources.get(shard.sourceIndex());
        ShardWork work =
            process(src, shard.items(), pipeline, workers, encoders, cfg.threads(), tally, timings);
        if (pending != null) {
          records.add(pending.get());
        }
        pending =
            writerThread.submit(
                () -> {
                  long started = timings.start();
                  ShardRecord published = ShardComputer.publish(dir, writer, shard, work);
                  timings.since("parquet", started);
                  return published;
                });
      }
      if (pending != null) {
        records.add(pending.get());
      }
    } finally {
      workers.shutdownNow();
      writerThread.shutdownNow();
      progress.finish();
    }
    return BuildFinisher.finish(cfg, dir, sources, records, timings, DuplicateFinder.LOCAL);
  }

  /**
   * Opens every source of the build with the build's context. A source that cannot be opened is an
   * {@link UnusableSourceException} naming it; so is one whose opening dies of a StackOverflowError
   * or OutOfMemoryError (a hostile index file), which unwinds cleanly here, since nothing else was
   * built yet. A wrong option stays an IllegalArgumentException (a usage error).
   */
  public static List<Source> openSources(BuildConfig cfg) throws Exception {
    SourceContext context = new SourceContext(cfg.seed(), cfg.maxPixels(), cfg.size());
    List<Source> sources = new ArrayList<>();
    for (var spec : cfg.sources()) {
      try {
        sources.add(Sources.open(spec, context));
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (Exception | StackOverflowError | OutOfMemoryError e) {
        throw new UnusableSourceException(
            "source " + spec.name() + " cannot be read: " + Rejection.describe(e), e);
      }
    }
    return sources;
  }

  /** The number of inputs over all sources, or -1 when a source cannot tell before listing. */
  public static long totalInputs(List<Source> sources) {
    long total = 0;
    for (Source s : sources) {
      if (s.size().isEmpty()) {
        return -1;
      }
      total += s.size().getAsLong();
    }
    return total;
  }

  private static ShardWork process(
      Source src,
      List<SourceItem> batch,
      Pipeline pipeline,
      ExecutorService workers,
      ThreadLocal<RowEncoder> encoders,
      int threads,
      BuildTally tally,
      Timings timings)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(threads * 4);
    ItemResult[] results = new ItemResult[batch.size()];
    List<CompletableFuture<Void>> futures = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      final int slot = i;
      SourceItem item = batch.get(i);
      inFlight.acquire();
      futures.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  results[slot] =
                      ShardComputer.runOne(src, item, pipeline, encoders.get(), timings);
                  tally.input(results[slot].rejection().isPresent());
                } finally {
                  inFlight.release();
                }
              },
              workers));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    return ShardWork.of(List.of(results));
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
