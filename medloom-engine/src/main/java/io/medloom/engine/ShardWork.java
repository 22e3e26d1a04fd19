package io.medloom.engine;

import io.medloom.core.model.Counts;
import io.medloom.core.model.Rejection;
import io.medloom.core.model.Sample;
import io.medloom.store.BuildDirectory;
import io.medloom.store.Row;
import io.medloom.store.ShardRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** A computed shard waiting to be written: rows in input order, rejections, and tallies. */
record ShardWork(
    List<Row> rows,
    List<Rejection> rejections,
    Counts counts,
    Map<String, Long> splitCounts,
    List<String> modalities,
    List<String> bodyParts,
    List<Integer> channels,
    List<String> labelTasks) {

  static ShardWork of(List<ItemResult> results) {
    List<Row> rows = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    Map<String, Long> splits = new TreeMap<>();
    TreeSet<String> modalities = new TreeSet<>();
    TreeSet<String> bodyParts = new TreeSet<>();
    TreeSet<Integer> channels = new TreeSet<>();
    TreeSet<String> labelTasks = new TreeSet<>();
    long accepted = 0;
    for (ItemResult r : results) {
      if (r.rejection().isPresent()) {
        rejections.add(r.rejection().get());
        continue;
      }
      accepted++;
      rows.addAll(r.rows());
      for (Sample s : r.samples()) {
        splits.merge(s.split().orElseThrow().wireName(), 1L, Long::sum);
        modalities.add(s.modality());
        if (!s.bodyPart().isEmpty()) {
          bodyParts.add(s.bodyPart());
        }
        s.image().ifPresent(img -> channels.add(img.channels()));
        s.labels().forEach(l -> labelTasks.add(l.task()));
      }
    }
    Counts counts = new Counts(results.size(), accepted, rejections.size(), rows.size());
    return new ShardWork(
        rows,
        rejections,
        counts,
        splits,
        List.copyOf(modalities),
        List.copyOf(bodyParts),
        List.copyOf(channels),
        List.copyOf(labelTasks));
  }

  ShardRecord record(int shard, int sourceIndex, Optional<String> file, BuildDirectory dir) {
    return new ShardRecord(
        shard,
        sourceIndex,
        file,
        file.map(dir::checksum).orElse(""),
        counts,
        splitCounts,
        modalities,
        bodyParts,
        channels,
        labelTasks);
  }
}
