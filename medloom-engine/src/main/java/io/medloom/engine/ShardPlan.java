package io.medloom.engine;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceItem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Cuts the inputs of every source, in the sources' fixed order, into shards of {@code shardSize}
 * items numbered from 0 across sources. Every engine cuts with this one class, so shard {@code k}
 * holds the same inputs whichever engine builds it, and a build resumed on another engine finds its
 * finished shards. Lazy: only one shard's item list exists at a time.
 */
public final class ShardPlan implements Iterator<ShardPlan.Shard> {
  /** Shard {@code number}: the {@code items} of source {@code sourceIndex}, in listing order. */
  public record Shard(int number, int sourceIndex, List<SourceItem> items) {
    public Shard {
      items = List.copyOf(items);
    }
  }

  private final List<Source> sources;
  private final int shardSize;
  private int sourceIndex;
  private Iterator<SourceItem> items;
  private int next;

  public ShardPlan(List<Source> sources, int shardSize) {
    this.sources = List.copyOf(sources);
    this.shardSize = shardSize;
  }

  @Override
  public boolean hasNext() {
    while (items == null || !items.hasNext()) {
      if (items != null) {
        sourceIndex++;
      }
      if (sourceIndex >= sources.size()) {
        return false;
      }
      try {
        items = sources.get(sourceIndex).items();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "cannot list source " + sources.get(sourceIndex).spec(), e);
      }
    }
    return true;
  }

  @Override
  public Shard next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<SourceItem> batch = new ArrayList<>(shardSize);
    while (items.hasNext() && batch.size() < shardSize) {
      batch.add(items.next());
    }
    return new Shard(next++, sourceIndex, batch);
  }
}
