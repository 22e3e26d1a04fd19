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
 * candidates meet in a shuffle keyed by (band, band value), the band join of {@link Duplicates},
 * and are compared there; candidates are confirmed on thumbnails made by the task that reads the
 * candidate's shard. Only what is found comes back to the driver (links between patients, and the
 * smallest sample id and splits of linked patients), where {@link Duplicates#decide} groups them
 * exactly as the local pass does. Same shards, same report.
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
              .groupByKey()
              .filter(g -> g._2().iterator().hasNext() && size(g._2()) > 1)
              .persist(StorageLevel.MEMORY_AND_DISK());
      long exactGroups = exact.count();
      long exactSamples =
          exactGroups == 0 ? 0 : exact.map(g -> (long) size(g._2())).reduce(Long::sum);
      List<String[]> links =
          exact.flatMap(SparkDuplicates::patientPairs).distinct().collect().stream()
              .map(t -> new String[] {t._1(), t._2()})
              .toList();
      exact.unpersist();

      // Near copies: candidates from the band join, compared where their bucket meets.
      JavaRDD<Pair> candidates =
          rows.filter(l -> l.row().phash() != null)
              .flatMapToPair(SparkDuplicates::bands)
              .groupByKey()
              .flatMap(SparkDuplicates::closePairs)
              .distinct()
              .persist(StorageLevel.MEMORY_AND_DISK());
      JavaPairRDD<String, byte[]> thumbs =
          candidates
              .flatMap(p -> List.of(p.idA(), p.idB()).iterator())
              .distinct()
              .mapToPair(id -> new Tuple2<>(id, Boolean.TRUE))
              .join(rows.mapToPair(l -> new Tuple2<>(l.row().id(), l.file())))
              .mapToPair(t -> new Tuple2<>(t._2()._2(), t._1()))
              .groupByKey()
              .flatMapToPair(SparkDuplicates::thumbnails);
      List<NearLink> confirmed =
          candidates
              .mapToPair(p -> new Tuple2<>(p.idA(), p))
              .join(thumbs)
              .mapToPair(t -> new Tuple2<>(t._2()._1().idB(), t._2()))
              .join(thumbs)
              .map(
                  t -> {
                    Pair p = t._2()._1()._1();
                    double diff = Duplicates.meanAbsoluteDifference(t._2()._1()._2(), t._2()._2());
                    return new NearLink(diff, p.idA(), p.idB(), p.a(), p.b());
                  })
              .filter(l -> l.difference() <= Duplicates.MAX_THUMBNAIL_DIFFERENCE)
              .collect();
      candidates.unpersist();

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
          .groupByKey()
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

  /** The row under each of its bands: key (band, value). */
  private static java.util.Iterator<Tuple2<Tuple2<Integer, Integer>, HashRow>> bands(Located l) {
    List<Tuple2<Tuple2<Integer, Integer>, HashRow>> out = new ArrayList<>(Duplicates.BANDS);
    for (int band = 0; band < Duplicates.BANDS; band++) {
      out.add(
          new Tuple2<>(new Tuple2<>(band, Duplicates.bandValue(l.row().phash(), band)), l.row()));
    }
    return out.iterator();
  }

  /** The pairs of one bucket within {@link Duplicates#MAX_DISTANCE} bits. */
  private static java.util.Iterator<Pair> closePairs(
      Tuple2<Tuple2<Integer, Integer>, Iterable<HashRow>> bucket) {
    List<HashRow> rows = new ArrayList<>();
    bucket._2().forEach(rows::add);
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      for (int j = i + 1; j < rows.size(); j++) {
        HashRow x = rows.get(i);
        HashRow y = rows.get(j);
        if (x.id().equals(y.id())
            || Duplicates.distance(x.phash(), y.phash()) > Duplicates.MAX_DISTANCE) {
          continue;
        }
        out.add(
            x.id().compareTo(y.id()) < 0
                ? new Pair(x.id(), y.id(), x.patientKey(), y.patientKey())
                : new Pair(y.id(), x.id(), y.patientKey(), x.patientKey()));
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
