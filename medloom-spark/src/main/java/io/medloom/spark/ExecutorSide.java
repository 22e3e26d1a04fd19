package io.medloom.spark;

import io.medloom.core.pipeline.Pipeline;
import io.medloom.core.source.Source;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.BuildTally;
import io.medloom.engine.LocalBuild;
import io.medloom.engine.ShardComputer;
import io.medloom.store.BuildDirectory;
import io.medloom.store.ParquetShardWriter;
import io.medloom.store.ShardRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Spark task runs: one shard through {@link ShardComputer}, published into the build
 * directory (which must be on a file system every executor sees). Opened sources and the stage list
 * are kept per executor JVM and build, since opening a source may index its whole listing.
 */
final class ExecutorSide {
  private record Opened(BuildConfig cfg, List<Source> sources, Pipeline pipeline) {}

  private static final Map<String, Opened> OPENED = new ConcurrentHashMap<>();

  private ExecutorSide() {}

  /** The shards of one partition, in order; their tallies (inputs read, rejected) as rows. */
  static java.util.Iterator<long[]> runAll(
      String buildKey, JobSpec spec, java.util.Iterator<ShardTask> tasks) throws Exception {
    java.util.List<long[]> out = new java.util.ArrayList<>();
    while (tasks.hasNext()) {
      out.add(run(buildKey, spec, tasks.next()));
    }
    return out.iterator();
  }

  /**
   * Computes and publishes the shard unless an earlier attempt already did; returns its tallies.
   */
  static long[] run(String buildKey, JobSpec spec, ShardTask task) throws Exception {
    Opened o = OPENED.computeIfAbsent(buildKey, k -> open(spec));
    BuildDirectory dir = BuildDirectory.open(o.cfg().out(), o.cfg().configHash());
    var done = BuildTally.published(dir, task.shard());
    if (done.isPresent()) {
      return tallies(done.get());
    }
    try (ParquetShardWriter writer = new ParquetShardWriter()) {
      ShardRecord r =
          ShardComputer.computeAndPublish(
              dir, writer, o.sources().get(task.sourceIndex), task.shard(), o.pipeline(), () -> {});
      return tallies(r);
    }
  }

  private static long[] tallies(ShardRecord r) {
    return new long[] {r.counts().read(), r.counts().rejected()};
  }

  private static Opened open(JobSpec spec) {
    try {
      BuildConfig cfg = spec.config();
      return new Opened(
          cfg, LocalBuild.openSources(cfg), ShardComputer.pipeline(cfg, spec.secret()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the build's sources on this executor", e);
    }
  }
}
