package io.medloom.engine;

import io.medloom.core.Progress;
import io.medloom.store.BuildDirectory;
import io.medloom.store.ShardRecord;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inputs done and rejected so far in one build, shown through {@link Progress}; and the resume rule
 * every engine shares: a shard an earlier run published is counted, never recomputed.
 */
public final class BuildTally {
  private final Progress progress;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  public BuildTally(Progress progress) {
    this.progress = progress;
  }

  /** The shard's record when an earlier run published it (for the same source). */
  public static Optional<ShardRecord> published(BuildDirectory dir, ShardPlan.Shard shard)
      throws IOException {
    return dir.finishedShard(shard.number()).filter(r -> r.sourceIndex() == shard.sourceIndex());
  }

  /** Adds the shard's record to {@code records} and counts it if it was published already. */
  public boolean skipIfPublished(
      BuildDirectory dir, ShardPlan.Shard shard, List<ShardRecord> records) throws IOException {
    Optional<ShardRecord> finished = published(dir, shard);
    if (finished.isEmpty()) {
      return false;
    }
    records.add(finished.get());
    rejected.addAndGet(finished.get().counts().rejected());
    progress.update(done.addAndGet(shard.items().size()), rejected.get());
    return true;
  }

  /** One more input finished; {@code wasRejected} when it became a rejection. */
  public void input(boolean wasRejected) {
    long r = wasRejected ? rejected.incrementAndGet() : rejected.get();
    progress.update(done.incrementAndGet(), r);
  }

  /** A whole shard finished elsewhere (a Spark task): its inputs, its rejections added later. */
  public void inputs(int n) {
    progress.update(done.addAndGet(n), rejected.get());
  }

  public void rejections(long n) {
    progress.update(done.get(), rejected.addAndGet(n));
  }
}
