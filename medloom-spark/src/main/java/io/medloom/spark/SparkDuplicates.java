package io.medloom.spark;

import io.medloom.store.DuplicateFinder;
import io.medloom.store.Duplicates;
import io.medloom.store.Duplicates.HashRow;
import io.medloom.store.Duplicates.NearLink;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The duplicate pass as Spark stages, so that no single node holds every hash: each task reads the
 * hashes of one shard; exact copies meet in a shuffle keyed by content hash; near-duplicate
 * candidates meet in a shuffle keyed by (band, band value), the search of {@link SparkBandSearch},
 * and are compared there; candidates are ruled out on thumbnail sketches, then confirmed on
 * thumbnails, both made by the task that reads the candidate's shard. Only what is found comes back
 * to the driver (links between patients, and the smallest sample id and splits of linked patients),
 * where {@link Duplicates#decide} groups them exactly as the local pass does. Same shards, same
 * report.
 */
final class SparkDuplicates implements DuplicateFinder, Serializable {
  private static final long serialVersionUID = 1L;
  private final transient JavaSparkContext jsc;

  SparkDuplicates(JavaSparkContext jsc) {
    this.jsc = jsc;
  }

  /** A candidate pair of samples, {@code idA < idB}, and their patients. */
  record Pair(String idA, String idB, String a, String b) implements Serializable {}

  /** A hashed row and the shard file it is in. */
  record Located(String file, HashRow row) implements Serializable {}

  /** A hash-close pair, where its rows are stored, and whether their contents are identical. */
  record Candidate(Pair pair, String fileA, String fileB, boolean sameContent)
      implements Serializable {
    static Candidate of(Located x, Located y) {
      HashRow a = x.row();
      HashRow b = y.row();
      boolean same = a.contentHash().equals(b.contentHash());
      return a.id().compareTo(b.id()) < 0
          ? new Candidate(
              new Pair(a.id(), b.id(), a.patientKey(), b.patientKey()), x.file(), y.file(), same)
          : new Candidate(
              new Pair(b.id(), a.id(), b.patientKey(), a.patientKey()), y.file(), x.file(), same);
    }
  }

  /** The thumbnails of the rows of the candidates, each made by a task reading that row's shard. */
  private static JavaPairRDD<String, byte[]> thumbnailsOf(
      JavaRDD<Candidate> candidates, int parts) {
    return candidates
        .flatMapToPair(
            c ->
                List.of(
                        new Tuple2<>(c.fileA(), c.pair().idA()),
                        new Tuple2<>(c.fileB(), c.pair().idB()))
                    .iterator())
        .distinct(parts)
        .groupByKey(parts)
        .flatMapToPair(SparkDuplicates::thumbnails);
  }

  /** Each candidate with the values of its two rows (a row without one drops the candidate). */
  private static <V> JavaRDD<scala.Tuple3<Candidate, V, V>> pairsWith(
      JavaRDD<Candidate> candidates, JavaPairRDD<String, V> values, int parts) {
    return candidates
        .mapToPair(c -> new Tuple2<>(c.pair().idA(), c))
        .join(values, parts)
        .mapToPair(t -> new Tuple2<>(t._2()._1().pair().idB(), t._2()))
        .join(values, parts)
        .map(t -> new scala.Tuple3<>(t._2()._1()._1(), t._2()._1()._2(), t._2()._2()));
  }

  @Override
  public Duplicates.Report find(Path samplesDir) throws IOException {
    List<String> shards;
    try (Stream<Path> files = Files.list(samplesDir)) {
      shards =
          files
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .map(f -> f.toAbsolutePath().toString())
              .sorted()
              .toList();
    }
    if (shards.isEmpty()) {
      return new Duplicates.Report(0, 0, 0, 0, 0, Map.of());
    }
    // Shuffles into a few partitions per core, more as shards grow: one per shard (the input's
    // partitioning) made every shuffle write shards^2 small files, which cost more than the work.
    int parts = Math.max(2 * jsc.defaultParallelism(), shards.size() / 32);
    JavaRDD<Located> rows =
        jsc.parallelize(shards, shards.size())
            .flatMap(SparkDuplicates::readShard)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // Exact copies: rows of one content hash.
      JavaPairRDD<String, Iterable<Tuple2<String, String>>> exact =
          rows.mapToPair(
                  l ->
                      new Tuple2<>(
                          l.row().contentHash(), new Tuple2<>(l.row().id(), l.row().patientKey())))
              .groupByKey(parts)
              .filter(g -> g._2().iterator().hasNext() && size(g._2()) > 1)
              .persist(StorageLevel.MEMORY_AND_DISK());
      long exactGroups = exact.count();
      long exactSamples =
          exactGroups == 0 ? 0 : exact.map(g -> (long) size(g._2())).reduce(Long::sum);
      List<String[]> links =
          exact.flatMap(SparkDuplicates::patientPairs).distinct(parts).collect().stream()
              .map(t -> new String[] {t._1(), t._2()})
              .toList();
      exact.unpersist();

      // Near copies: hash-close pairs from the band search, each row numbered so the search
      // shuffles numbers and hashes only; then the rows of each pair, a sketch check that rules
      // out most pairs on 128 bytes a row, and the thumbnail check on what is left.
      JavaPairRDD<Long, Located> numbered =
          rows.zipWithIndex()
              .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
              .persist(StorageLevel.MEMORY_AND_DISK());
      JavaRDD<Candidate> candidates =
          numbered
              .filter(t -> t._2().row().phash() != null)
              .mapToPair(t -> new Tuple2<>(t._1(), t._2().row().phash()))
              .mapPartitionsToPair(SparkBandSearch::packed)
              .groupByKey(parts)
              .flatMapToPair(SparkBandSearch::pairs)
              .join(numbered, parts)
              .mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2()))
              .join(numbered, parts)
              .map(t -> Candidate.of(t._2()._1(), t._2()._2()))
              .persist(StorageLevel.MEMORY_AND_DISK());
      JavaPairRDD<String, short[]> sketches =
          thumbnailsOf(candidates, parts).mapValues(Duplicates::sketch);
      JavaRDD<Candidate> unruled =
          pairsWith(candidates, sketches, parts)
              .filter(t -> t._1().sameContent() || Duplicates.sketchesMayMatch(t._2(), t._3()))
              .map(t -> t._1())
              .persist(StorageLevel.MEMORY_AND_DISK());
      List<NearLink> confirmed =
          pairsWith(unruled, thumbnailsOf(unruled, parts), parts)
              .map(
                  t -> {
                    Pair p = t._1().pair();
                    double diff =
                        t._1().sameContent()
                            ? 0
                            : Duplicates.meanAbsoluteDifference(t._2(), t._3());
                    return new NearLink(diff, p.idA(), p.idB(), p.a(), p.b());
                  })
              .filter(l -> l.difference() <= Duplicates.MAX_THUMBNAIL_DIFFERENCE)
              .collect();
      unruled.unpersist();
      candidates.unpersist();
      numbered.unpersist();

      // What the grouping needs of each linked patient: its smallest sample id and its splits.
      Set<String> linked = new HashSet<>();
      links.forEach(l -> linked.addAll(List.of(l[0], l[1])));
      confirmed.stream()
          .filter(l -> !l.a().equals(l.b()))
          .forEach(l -> linked.addAll(List.of(l.a(), l.b())));
      Broadcast<Set<String>> wanted = jsc.broadcast(linked);
      Map<String, String> rank = new HashMap<>();
      Map<String, Set<String>> splitsOf = new HashMap<>();
      rows.filter(l -> wanted.value().contains(l.row().patientKey()))
          .mapToPair(
              l -> new Tuple2<>(l.row().patientKey(), new Tuple2<>(l.row().id(), l.row().split())))
          .groupByKey(parts)
          .collect()
          .forEach(
              t -> {
                TreeSet<String> splits = new TreeSet<>();
                String min = null;
                for (Tuple2<String, String> idSplit : t._2()) {
                  splits.add(idSplit._2());
                  min = min == null || idSplit._1().compareTo(min) < 0 ? idSplit._1() : min;
                }
                rank.put(t._1(), min);
                splitsOf.put(t._1(), splits);
              });
      wanted.destroy();
      return Duplicates.decide(
          exactGroups, exactSamples, new ArrayList<>(links), confirmed, rank, splitsOf);
    } finally {
      rows.unpersist();
    }
  }

  private static java.util.Iterator<Located> readShard(String file) throws Exception {
    List<Located> out = new ArrayList<>();
    for (HashRow r : Duplicates.hashRows(Path.of(file))) {
      out.add(new Located(file, r));
    }
    return out.iterator();
  }

  private static int size(Iterable<?> it) {
    int n = 0;
    for (Object ignored : it) {
      n++;
    }
    return n;
  }

  /** Distinct pairs of patients (first < second) among the rows of one content hash. */
  private static java.util.Iterator<Tuple2<String, String>> patientPairs(
      Tuple2<String, Iterable<Tuple2<String, String>>> group) {
    TreeSet<String> patients = new TreeSet<>();
    group._2().forEach(idPatient -> patients.add(idPatient._2()));
    List<String> p = new ArrayList<>(patients);
    List<Tuple2<String, String>> out = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      for (int j = i + 1; j < p.size(); j++) {
        out.add(new Tuple2<>(p.get(i), p.get(j)));
      }
    }
    return out.iterator();
  }

  /** Thumbnails of the wanted rows of one shard, read by the task that reads that shard. */
  private static java.util.Iterator<Tuple2<String, byte[]>> thumbnails(
      Tuple2<String, Iterable<String>> shardIds) throws Exception {
    List<String> ids = new ArrayList<>();
    shardIds._2().forEach(ids::add);
    List<Tuple2<String, byte[]>> out = new ArrayList<>();
    Duplicates.thumbnails(Path.of(shardIds._1()), ids)
        .forEach((id, thumb) -> out.add(new Tuple2<>(id, thumb)));
    return out.iterator();
  }
}
