package io.medloom.store.build;

import io.medloom.core.model.Counts;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.pipeline.DeidentifyStage;
import io.medloom.core.pipeline.Outcome;
import io.medloom.core.pipeline.Pipeline;
import io.medloom.core.pipeline.ScrubTextStage;
import io.medloom.core.pipeline.SplitStage;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageProvider;
import io.medloom.core.pipeline.StandardizeStage;
import io.medloom.core.privacy.TextScrubber;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.Sources;
import io.medloom.store.BuildDirectory;
import io.medloom.store.DatasetException;
import io.medloom.store.ParquetShardWriter;
import io.medloom.store.Row;
import io.medloom.store.RowEncoder;
import io.medloom.store.ShardRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local runner: reads every source in its fixed order, cuts the inputs into shards of {@code
 * shardSize}, runs the stages of each shard on {@code threads} workers, and hands the finished
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
    BuildDirectory dir = BuildDirectory.open(cfg.out(), cfg.configHash());
    if (dir.isComplete()) {
      return io.medloom.store.Json.MAPPER.readValue(
          dir.layout().info().toFile(), DatasetInfo.class);
    }
    byte[] secret = dir.secret(cfg.secret());
    List<Stage> stages =
        new ArrayList<>(
            List.of(
                new SplitStage(cfg.seed(), cfg.valFraction(), cfg.testFraction()).asStage(),
                new ScrubTextStage(TextScrubber.standard()).asStage(),
                new DeidentifyStage(secret).asStage(),
                new StandardizeStage(cfg.size()).asStage()));
    List<StageProvider> added = BuildConfig.addedStages();
    added.forEach(p -> stages.add(p.stage()));
    Pipeline pipeline = new Pipeline(stages);
    SourceContext context = new SourceContext(cfg.seed(), cfg.maxPixels(), cfg.size());
    List<Source> sources = new ArrayList<>();
    long total = 0;
    for (var spec : cfg.sources()) {
      Source s = Sources.open(spec, context);
      sources.add(s);
      total = total < 0 || s.size().isEmpty() ? -1 : total + s.size().getAsLong();
    }
    progress.start("build " + cfg.out().getFileName(), total);
    AtomicLong done = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    List<ShardRecord> records = new ArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(cfg.threads(), daemon("medloom-worker"));
    ExecutorService writerThread = Executors.newSingleThreadExecutor(daemon("medloom-writer"));
    ThreadLocal<RowEncoder> encoders = ThreadLocal.withInitial(RowEncoder::new);
    try (ParquetShardWriter writer = new ParquetShardWriter()) {
      Future<ShardRecord> pending = null;
      int shard = 0;
      for (int si = 0; si < sources.size(); si++) {
        Source src = sources.get(si);
        Iterator<SourceItem> items = src.items();
        while (items.hasNext()) {
          List<SourceItem> batch = new ArrayList<>(cfg.shardSize());
          while (items.hasNext() && batch.size() < cfg.shardSize()) {
            batch.add(items.next());
          }
          Optional<ShardRecord> finished = dir.finishedShard(shard);
          if (finished.isPresent() && finished.get().sourceIndex() == si) {
            records.add(finished.get());
            rejected.addAndGet(finished.get().counts().rejected());
            progress.update(done.addAndGet(batch.size()), rejected.get());
          } else {
            ShardWork work =
                process(
                    src,
                    batch,
                    pipeline,
                    workers,
                    encoders,
                    cfg.threads(),
                    () -> {
                      progress.update(done.incrementAndGet(), rejected.get());
                    },
                    rejected);
            if (pending != null) {
              records.add(pending.get());
            }
            final int shardNo = shard;
            final int sourceIndex = si;
            pending =
                writerThread.submit(
                    () ->
                        dir.publishShard(
                            shardNo,
                            writer,
                            work.rows(),
                            work.rejections(),
                            file -> work.record(shardNo, sourceIndex, file, dir)));
          }
          shard++;
        }
      }
      if (pending != null) {
        records.add(pending.get());
      }
    } finally {
      workers.shutdownNow();
      writerThread.shutdownNow();
      progress.finish();
    }
    Duplicates.Report duplicates = Duplicates.find(dir.layout().samples());
    records = SplitReassigner.apply(dir, records, duplicates.movedPatients());
    DatasetInfo info = describe(cfg, sources, added, records, duplicates.summary());
    if (info.counts().accepted() == 0) {
      dir.finishRejectsOnly(records);
      throw new DatasetException(
          "nothing could be read: all "
              + info.counts().read()
              + " inputs were rejected (reasons in "
              + dir.layout().rejects()
              + ")");
    }
    dir.finish(info, records);
    return info;
  }

  private static ShardWork process(
      Source src,
      List<SourceItem> batch,
      Pipeline pipeline,
      ExecutorService workers,
      ThreadLocal<RowEncoder> encoders,
      int threads,
      Runnable tick,
      AtomicLong rejectedCounter)
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
                  results[slot] = runOne(src, item, pipeline, encoders.get());
                  if (results[slot].rejection().isPresent()) {
                    rejectedCounter.incrementAndGet();
                  }
                  tick.run();
                } finally {
                  inFlight.release();
                }
              },
              workers));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    return ShardWork.of(List.of(results));
  }

  private static ItemResult runOne(
      Source src, SourceItem item, Pipeline pipeline, RowEncoder encoder) {
    String name = src.spec().name();
    List<Sample> read;
    try {
      read = src.read(item);
    } catch (Exception | OutOfMemoryError e) {
      return ItemResult.rejected(new Rejection(name, item.path(), "read", Rejection.describe(e)));
    }
    Outcome o = pipeline.run(item.ordinal(), name, item.path(), read);
    if (o.isRejected()) {
      return ItemResult.rejected(o.rejection().get());
    }
    try {
      List<Row> rows = new ArrayList<>(o.samples().size());
      for (Sample s : o.samples()) {
        rows.add(encoder.encode(item.ordinal(), s));
      }
      return new ItemResult(rows, o.samples(), Optional.empty());
    } catch (RuntimeException e) {
      return ItemResult.rejected(new Rejection(name, item.path(), "encode", Rejection.describe(e)));
    }
  }

  private static DatasetInfo describe(
      BuildConfig cfg,
      List<Source> sources,
      List<StageProvider> added,
      List<ShardRecord> records,
      Map<String, Long> duplicates) {
    Counts all = Counts.ZERO;
    Map<Integer, Counts> perSource = new TreeMap<>();
    Map<String, Long> splits = new TreeMap<>();
    TreeSet<String> modalities = new TreeSet<>();
    TreeSet<String> bodyParts = new TreeSet<>();
    int channels = 1;
    for (ShardRecord r : records) {
      all = all.plus(r.counts());
      perSource.merge(r.sourceIndex(), r.counts(), Counts::plus);
      r.splitCounts().forEach((k, v) -> splits.merge(k, v, Long::sum));
      modalities.addAll(r.modalities());
      bodyParts.addAll(r.bodyParts());
      channels =
          Math.max(channels, r.channels().stream().mapToInt(Integer::intValue).max().orElse(1));
    }
    Map<String, Task> tasks = new LinkedHashMap<>();
    List<DatasetInfo.SourceRecord> sourceRecords = new ArrayList<>();
    TreeSet<String> patterns = new TreeSet<>();
    TreeSet<String> licenses = new TreeSet<>();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      for (Task t : s.tasks()) {
        Task prev = tasks.putIfAbsent(t.name(), t);
        if (prev != null && !prev.equals(t)) {
          throw new IllegalArgumentException(
              "sources disagree on task '" + t.name() + "': " + prev + " vs " + t);
        }
      }
      patterns.addAll(s.identifierPatterns());
      licenses.add(s.license());
      sourceRecords.add(
          new DatasetInfo.SourceRecord(
              s.spec().kind(),
              s.spec().location(),
              s.spec().options(),
              perSource.getOrDefault(i, Counts.ZERO)));
    }
    // Tasks of added stages (e.g. labels read from reports) are declared only when used.
    TreeSet<String> usedTasks = new TreeSet<>();
    records.forEach(r -> usedTasks.addAll(r.labelTasks()));
    for (StageProvider p : added) {
      for (Task t : p.tasks()) {
        if (usedTasks.contains(t.name())) {
          Task prev = tasks.putIfAbsent(t.name(), t);
          if (prev != null && !prev.equals(t)) {
            throw new IllegalArgumentException(
                "stage " + p.name() + " and a source disagree on task '" + t.name() + "'");
          }
        }
      }
    }
    String name = cfg.name().isBlank() ? String.valueOf(cfg.out().getFileName()) : cfg.name();
    return new DatasetInfo(
        DatasetInfo.FORMAT_VERSION,
        name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
        name,
        "Built by MedLoom from " + cfg.sources(),
        "medical imaging",
        List.copyOf(modalities),
        List.copyOf(bodyParts),
        String.join("; ", licenses),
        "",
        List.copyOf(tasks.values()),
        List.of(channels, cfg.size(), cfg.size()),
        splits,
        sourceRecords,
        new DatasetInfo.Build(
            BuildConfig.MEDLOOM_VERSION,
            cfg.configHash(),
            cfg.seed(),
            Instant.now().toString(),
            cfg.shardSize()),
        all,
        List.copyOf(patterns),
        duplicates);
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
