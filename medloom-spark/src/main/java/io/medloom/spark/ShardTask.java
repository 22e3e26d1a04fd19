package io.medloom.spark;

import io.medloom.core.source.SourceItem;
import io.medloom.engine.ShardPlan;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One shard as a small serializable work item: its number, its source and the listed inputs
 * (ordinals and relative paths, never pixels). Executors turn it back into a {@link
 * ShardPlan.Shard}.
 */
final class ShardTask implements Serializable {
  private static final long serialVersionUID = 1L;

  final int number;
  final int sourceIndex;
  private final long[] ordinals;
  private final String[] paths;
  private final String[] problems; // null where listing found no problem

  ShardTask(ShardPlan.Shard shard) {
    this.number = shard.number();
    this.sourceIndex = shard.sourceIndex();
    int n = shard.items().size();
    ordinals = new long[n];
    paths = new String[n];
    problems = new String[n];
    for (int i = 0; i < n; i++) {
      SourceItem it = shard.items().get(i);
      ordinals[i] = it.ordinal();
      paths[i] = it.path();
      problems[i] = it.problem().orElse(null);
    }
  }

  int size() {
    return ordinals.length;
  }

  ShardPlan.Shard shard() {
    List<SourceItem> items = new ArrayList<>(ordinals.length);
    for (int i = 0; i < ordinals.length; i++) {
      items.add(new SourceItem(ordinals[i], paths[i], Optional.ofNullable(problems[i])));
    }
    return new ShardPlan.Shard(number, sourceIndex, items);
  }
}
