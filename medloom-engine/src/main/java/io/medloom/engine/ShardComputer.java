package io.medloom.engine;

import io.medloom.core.Timings;
import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.core.pipeline.DeidentifyStage;
import io.medloom.core.pipeline.Outcome;
import io.medloom.core.pipeline.Pipeline;
import io.medloom.core.pipeline.ScrubTextStage;
import io.medloom.core.pipeline.SplitStage;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StandardizeStage;
import io.medloom.core.privacy.PathKeys;
import io.medloom.core.privacy.TextScrubber;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.Sources;
import io.medloom.store.BuildDirectory;
import io.medloom.store.ParquetShardWriter;
import io.medloom.store.Row;
import io.medloom.store.RowEncoder;
import io.medloom.store.ShardRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every engine does with a shard: the one stage list of a build, one input through it, and a
 * computed shard published into the build directory. The local runner spreads a shard's inputs over
 * threads; the Spark runner gives each shard to one task. Either way the rows come from here.
 */
public final class ShardComputer {
  private ShardComputer() {}

  /**
   * The build's stages: ids scoped by source, split, scrub, de-identify, standardize, then the
   * added stages in order.
   */
  public static Pipeline pipeline(BuildConfig cfg, byte[] secret) {
    PathKeys paths = PathKeys.forSources(secret, cfg.sources(), Sources::pathsMayIdentify);
    List<Stage> stages =
        new ArrayList<>(
            List.of(
                new SourceScopedIds(cfg.sources()).asStage(),
                new SplitStage(cfg.seed(), cfg.valFraction(), cfg.testFraction()).asStage(),
                new ScrubTextStage(TextScrubber.standard()).asStage(),
                new DeidentifyStage(secret, paths).asStage(),
                new StandardizeStage(cfg.size()).asStage()));
    StageContext context = StageContext.of(cfg.seed(), cfg.size());
    BuildConfig.addedStages().stream().map(p -> p.stage(context)).forEach(stages::add);
    return new Pipeline(stages, paths);
  }

  /**
   * Computes a whole shard on the calling thread and publishes it (parquet, rejects, marker), for
   * engines that parallelise across shards instead of within one.
   */
  public static ShardRecord computeAndPublish(
      BuildDirectory dir,
      ParquetShardWriter writer,
      Source src,
      ShardPlan.Shard shard,
      Pipeline pipeline,
      Runnable afterEachInput)
      throws IOException {
    RowEncoder encoder = new RowEncoder();
    List<ItemResult> results = new ArrayList<>(shard.items().size());
    for (SourceItem item : shard.items()) {
      results.add(runOne(src, item, pipeline, encoder, Timings.NONE));
      afterEachInput.run();
    }
    return publish(dir, writer, shard, ShardWork.of(results));
  }

  static ShardRecord publish(
      BuildDirectory dir, ParquetShardWriter writer, ShardPlan.Shard shard, ShardWork work)
      throws IOException {
    return dir.publishShard(
        shard.number(),
        writer,
        work.rows(),
        work.rejections(),
        file -> work.record(shard.number(), shard.sourceIndex(), file, dir));
  }

  /**
   * One input read and sent through the stages; never throws: failures become rejections. A reader
   * that dies of a StackOverflowError (hostile nesting) or an OutOfMemoryError (a size no budget
   * caught) loses that input only: both unwind the reader's own frames and free what it held.
   */
  static ItemResult runOne(
      Source src, SourceItem item, Pipeline pipeline, RowEncoder encoder, Timings timings) {
    String name = src.spec().name();
    List<Sample> read;
    long started = timings.start();
    try {
      read = src.read(item);
      timings.since("read", started);
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      return ItemResult.rejected(
          pipeline.paths().stored(new Rejection(name, item.path(), "read", Rejection.describe(e))));
    }
    Outcome o = pipeline.run(item.ordinal(), name, item.path(), read, timings);
    if (o.isRejected()) {
      return ItemResult.rejected(o.rejection().get());
    }
    try {
      List<Row> rows = new ArrayList<>(o.samples().size());
      for (Sample s : o.samples()) {
        rows.add(encoder.encode(item.ordinal(), s, timings));
      }
      return new ItemResult(rows, o.samples(), Optional.empty());
    } catch (RuntimeException e) {
      return ItemResult.rejected(
          pipeline
              .paths()
              .stored(new Rejection(name, item.path(), "encode", Rejection.describe(e))));
    }
  }
}
