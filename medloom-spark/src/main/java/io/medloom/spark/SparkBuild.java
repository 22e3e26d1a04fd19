package io.medloom.spark;

import io.medloom.core.Progress;
import io.medloom.core.Timings;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.source.Source;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.BuildFinisher;
import io.medloom.engine.BuildTally;
import io.medloom.engine.LocalBuild;
import io.medloom.engine.ShardPlan;
import io.medloom.store.BuildDirectory;
import io.medloom.store.ShardRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The Spark build engine. The driver lists the inputs and cuts them with the same {@link ShardPlan}
 * as the local runner, sends unfinished shards as small {@link ShardTask}s (one partition each) to
 * executors that compute and publish them with the same code, then finishes the build exactly as
 * the local runner does. The shard is the unit of work, of retry and of resume: a failed task is
 * retried by Spark and re-publishes its shard atomically; a bad input is a rejection row inside its
 * shard, never a failed task; a re-run skips every shard whose marker exists.
 *
 * <p>Shards are submitted in waves of {@link #WAVE_SHARDS}, so the driver never holds the listing
 * of a 25-million-image build at once.
 */
final class SparkBuild {
  static final int WAVE_SHARDS = 2048;
  private static final Set<String> OPTIONS = Set.of("master");

  private SparkBuild() {}

  static DatasetInfo run(BuildConfig cfg, Map<String, String> options, Progress progress)
      throws Exception {
    for (String k : options.keySet()) {
      if (!OPTIONS.contains(k)) {
        throw new IllegalArgumentException("unknown spark engine option '" + k + "'");
      }
    }
    // Sources first: one that cannot be opened leaves neither an output folder nor a key behind.
    List<Source> sources = LocalBuild.openSources(cfg);
    BuildDirectory dir = BuildDirectory.open(cfg.out(), cfg.configHash());
    try {
      return run(cfg, options, dir, sources, progress);
    } finally {
      dir.forgetKey(); // finished, failed or all rejected: a generated key never outlives the run
    }
  }

  private static DatasetInfo run(
      BuildConfig cfg,
      Map<String, String> options,
      BuildDirectory dir,
      List<Source> sources,
      Progress progress)
      throws Exception {
    Optional<DatasetInfo> finished = dir.finishedInfo();
    if (finished.isPresent()) {
      return finished.get();
    }
    JobSpec spec = new JobSpec(cfg, dir.secret(cfg.secret()));
    String buildKey = cfg.configHash() + "@" + cfg.out().toAbsolutePath();
    List<ShardRecord> records = new ArrayList<>();
    BuildTally tally = new BuildTally(progress);
    SparkConf conf = SparkContexts.conf(cfg, Optional.ofNullable(options.get("master")));
    try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
      computeShards(cfg, dir, sources, progress, jsc, spec, buildKey, records, tally);
      records.sort(Comparator.comparingInt(ShardRecord::shard));
      // The duplicate pass runs on the cluster too, while the context is still up.
      return BuildFinisher.finish(
          cfg, dir, sources, records, Timings.NONE, new SparkDuplicates(jsc));
    }
  }

  /** Every unfinished shard computed and published by executors, wave after wave. */
  private static void computeShards(
      BuildConfig cfg,
      BuildDirectory dir,
      List<Source> sources,
      Progress progress,
      JavaSparkContext jsc,
      JobSpec spec,
      String buildKey,
      List<ShardRecord> records,
      BuildTally tally)
      throws Exception {
    try {
      progress.start(
          "build " + cfg.out().getFileName() + " on " + jsc.master(),
          LocalBuild.totalInputs(sources));
      WaveListener listener = new WaveListener(tally);
      jsc.sc().addSparkListener(listener);
      ShardPlan plan = new ShardPlan(sources, cfg.shardSize());
      while (plan.hasNext()) {
        List<ShardTask> wave = new ArrayList<>();
        while (plan.hasNext() && wave.size() < WAVE_SHARDS) {
          ShardPlan.Shard shard = plan.next();
          if (!tally.skipIfPublished(dir, shard, records)) {
            wave.add(new ShardTask(shard));
          }
        }
        if (wave.isEmpty()) {
          continue;
        }
        listener.expect(wave);
        runWave(jsc, buildKey, spec, wave);
        for (ShardTask t : wave) {
          ShardRecord r =
              dir.finishedShard(t.number)
                  .orElseThrow(
                      () -> new IllegalStateException("shard " + t.number + " was not published"));
          records.add(r);
          tally.rejections(r.counts().rejected());
        }
      }
    } finally {
      progress.finish();
    }
  }

  /** Static so the task closure captures only the serializable key, spec and tasks. */
  private static void runWave(
      JavaSparkContext jsc, String buildKey, JobSpec spec, List<ShardTask> wave) {
    // One shard per partition: the partition is the unit Spark retries, and so is the shard.
    jsc.parallelize(wave, wave.size())
        .mapPartitions(tasks -> ExecutorSide.runAll(buildKey, spec, tasks))
        .collect();
  }

  /** Moves the progress bar as tasks of the current wave finish. */
  private static final class WaveListener extends SparkListener {
    private final BuildTally tally;
    private volatile int[] sizes = new int[0];

    WaveListener(BuildTally tally) {
      this.tally = tally;
    }

    void expect(List<ShardTask> wave) {
      sizes = wave.stream().mapToInt(ShardTask::size).toArray();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      int[] s = sizes;
      int index = end.taskInfo().index();
      if (end.taskInfo().successful() && index >= 0 && index < s.length) {
        tally.inputs(s[index]);
      }
    }
  }
}
