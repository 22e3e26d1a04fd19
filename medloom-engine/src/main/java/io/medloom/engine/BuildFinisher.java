package io.medloom.engine;

import io.medloom.core.Timings;
import io.medloom.core.model.Counts;
import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.StageTime;
import io.medloom.core.model.Task;
import io.medloom.core.pipeline.StageProvider;
import io.medloom.core.source.Source;
import io.medloom.store.BuildDirectory;
import io.medloom.store.DatasetException;
import io.medloom.store.DuplicateFinder;
import io.medloom.store.Duplicates;
import io.medloom.store.ShardRecord;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The end of every build, whatever engine computed the shards: near-duplicate search over the
 * written shards, patients linked by a duplicate moved into one split, {@code dataset.json}
 * described from the shard records, every check of {@code verify} run over the result, and {@code
 * _SUCCESS} written last, only when they pass (see {@link BuildDirectory#finish}).
 */
public final class BuildFinisher {
  private BuildFinisher() {}

  public static DatasetInfo finish(
      BuildConfig cfg, BuildDirectory dir, List<Source> sources, List<ShardRecord> records)
      throws IOException, SQLException {
    return finish(cfg, dir, sources, records, Timings.NONE, DuplicateFinder.LOCAL);
  }

  /**
   * As {@link #finish(BuildConfig, BuildDirectory, List, List)}, with the engine's duplicate pass
   * ({@code finder}; the checks before {@code _SUCCESS} re-check the rewritten splits the way it
   * says, see {@link DuplicateFinder#findForBuild}), adding its time to {@code timings} and writing
   * the steps measured into {@code dataset.json}.
   */
  public static DatasetInfo finish(
      BuildConfig cfg,
      BuildDirectory dir,
      List<Source> sources,
      List<ShardRecord> records,
      Timings timings,
      DuplicateFinder finder)
      throws IOException, SQLException {
    long started = timings.start();
    DuplicateFinder.Finished pass = finder.findForBuild(dir.layout().samples());
    Duplicates.Report duplicates = pass.report();
    records = SplitReassigner.apply(dir, records, duplicates.movedPatients());
    timings.since("duplicates", started);
    DatasetInfo info =
        describe(
            cfg,
            sources,
            BuildConfig.addedStages(),
            records,
            duplicates.summary(),
            timings.snapshot());
    if (info.counts().accepted() == 0) {
      dir.finishRejectsOnly(records);
      throw new DatasetException(
          "nothing could be read: all "
              + info.counts().read()
              + " inputs were rejected (reasons in "
              + dir.layout().rejects()
              + ")");
    }
    dir.finish(info, records, pass.recheck());
    return info;
  }

  private static DatasetInfo describe(
      BuildConfig cfg,
      List<Source> sources,
      List<StageProvider> added,
      List<ShardRecord> records,
      Map<String, Long> duplicates,
      Map<String, StageTime> timings) {
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
        duplicates,
        timings);
  }
}
