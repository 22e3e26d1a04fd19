package io.medloom.learn.meta;

import io.medloom.core.model.DatasetInfo;
import io.medloom.core.model.Task;
import io.medloom.store.DatasetReader;
import io.medloom.store.Duplicates;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several MedLoom datasets seen as one meta-dataset: every (dataset, task) pair with its domain,
 * modality, task type, classes and labelled rows per split, and, per dataset, the leakage in the
 * source's own splits. A published split that puts one image in train and in test inflates every
 * number measured on it; MedLoom's own split already keeps duplicates together, so the leakage
 * report is about {@code original_split}, the split a user would otherwise trust.
 */
public final class MetaCatalog {
  private MetaCatalog() {}

  /** One task of one dataset. {@code counts}: labelled rows per MedLoom split. */
  public record Entry(
      String dataset,
      Path root,
      String domain,
      String modality,
      String task,
      String type,
      List<String> classes,
      Map<String, Long> counts,
      Map<String, Long> originalCounts) {
    public Entry {
      classes = List.copyOf(classes);
      counts = Map.copyOf(counts);
      originalCounts = Map.copyOf(originalCounts);
    }
  }

  /**
   * Exact duplicates (same content hash) whose rows carry more than one {@code original_split}.
   *
   * @param groups distinct images found in two or more original splits
   * @param samples rows belonging to those groups
   * @param byPair groups per pair of original splits, e.g. {@code train/val}
   * @param rowsWithOriginalSplit rows that have an original split at all (0: nothing to check)
   * @param nearPairs pairs of rows in different original splits that are near duplicates but not
   *     exact copies: perceptual hashes within {@link Duplicates#MAX_DISTANCE} bits, confirmed on
   *     thumbnails as the build confirms them
   * @param nearByPair near pairs per pair of original splits
   */
  public record Leakage(
      String dataset,
      long groups,
      long samples,
      Map<String, Long> byPair,
      long rowsWithOriginalSplit,
      long nearPairs,
      Map<String, Long> nearByPair) {
    public Leakage {
      byPair = Map.copyOf(byPair);
      nearByPair = Map.copyOf(nearByPair);
    }
  }

  /** The catalog of some datasets: all their tasks, and each dataset's leakage. */
  public record Catalog(List<Entry> entries, List<Leakage> leakage) {
    public Catalog {
      entries = List.copyOf(entries);
      leakage = List.copyOf(leakage);
    }
  }

  /** Reads every dataset; a directory that is not a finished dataset fails with its path. */
  public static Catalog read(List<Path> roots) throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<Leakage> leakage = new ArrayList<>();
    for (Path root : roots) {
      try (DatasetReader r = DatasetReader.open(root)) {
        DatasetInfo info = r.info();
        for (Task t : info.tasks()) {
          entries.add(entry(r, root, info, t));
        }
        leakage.add(leakage(r, info.name()));
      } catch (SQLException e) {
        throw new IOException("cannot read the rows of " + root + ": " + e.getMessage(), e);
      }
    }
    return new Catalog(entries, leakage);
  }

  private static Entry entry(DatasetReader r, Path root, DatasetInfo info, Task t)
      throws SQLException {
    List<String> classes = new ArrayList<>(new TreeMap<>(t.classes()).values());
    String modality = info.modalities().isEmpty() ? "-" : String.join("+", info.modalities());
    return new Entry(
        info.name(),
        root,
        Domains.of(info),
        modality,
        t.name(),
        t.target().name().toLowerCase(Locale.ROOT),
        classes,
        countBy(r, "split", t.name()),
        countBy(r, "original_split", t.name()));
  }

  /** Rows labelled for {@code task}, by the value of a split column (rows without one skipped). */
  private static Map<String, Long> countBy(DatasetReader r, String column, String task)
      throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    r.query(
        "SELECT "
            + column
            + ", count(*) FROM samples WHERE "
            + column
            + " IS NOT NULL AND list_contains(list_transform(labels, l -> l.task), ?) GROUP BY 1",
        List.of(task),
        rs -> {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getLong(2));
          }
        });
    return out;
  }

  static Leakage leakage(DatasetReader r, String name) throws SQLException {
    long withSplit = r.count("SELECT count(*) FROM samples WHERE original_split IS NOT NULL");
    // One image (content hash) in several original splits is one leaking group; its splits are
    // listed sorted so that train/val and val/train count as one pair.
    String groupsSql =
        "SELECT content_hash, list_sort(list(DISTINCT original_split)) AS splits, count(*) AS n"
            + " FROM samples WHERE content_hash IS NOT NULL AND original_split IS NOT NULL"
            + " GROUP BY content_hash HAVING count(DISTINCT original_split) > 1";
    long[] totals = new long[2];
    Map<String, Long> byPair = new TreeMap<>();
    r.query(
        "SELECT array_to_string(splits, '/'), count(*), sum(n) FROM (" + groupsSql + ") GROUP BY 1",
        rs -> {
          while (rs.next()) {
            byPair.put(rs.getString(1), rs.getLong(2));
            totals[0] += rs.getLong(2);
            totals[1] += rs.getLong(3);
          }
        });
    Map<String, Long> near = withSplit == 0 ? Map.of() : nearPairs(r);
    long nearTotal = near.values().stream().mapToLong(Long::longValue).sum();
    return new Leakage(name, totals[0], totals[1], byPair, withSplit, nearTotal, near);
  }

  /**
   * Near duplicates across original splits, found as the build finds them: a band join on the
   * 256-bit perceptual hash (two hashes within 24 bits share one of 25 bands), the Hamming
   * distance, then the thumbnails' mean absolute difference. Exact copies are left to the exact
   * count.
   */
  static Map<String, Long> nearPairs(DatasetReader r) throws SQLException {
    String hashes =
        "SELECT id, original_split AS s, content_hash AS c, phash FROM samples"
            + " WHERE phash IS NOT NULL AND original_split IS NOT NULL";
    String bands =
        "SELECT id, s, c, phash, band, "
            + Duplicates.BAND_VALUE
            + " AS v FROM ("
            + hashes
            + ") h, range("
            + Duplicates.BANDS
            + ") t(band)";
    String sql =
        "WITH b AS ("
            + bands
            + ") SELECT DISTINCT x.id, y.id, x.s, y.s FROM b x JOIN b y"
            + " ON x.band = y.band AND x.v = y.v AND x.id < y.id AND x.s <> y.s"
            + " AND x.c IS DISTINCT FROM y.c"
            + " WHERE bit_count(xor(x.phash[1], y.phash[1]))::INTEGER"
            + " + bit_count(xor(x.phash[2], y.phash[2]))::INTEGER"
            + " + bit_count(xor(x.phash[3], y.phash[3]))::INTEGER"
            + " + bit_count(xor(x.phash[4], y.phash[4]))::INTEGER <= "
            + Duplicates.MAX_DISTANCE;
    List<String[]> candidates = new ArrayList<>();
    r.query(
        sql,
        rs -> {
          while (rs.next()) {
            candidates.add(
                new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
          }
        });
    Map<String, Long> out = new TreeMap<>();
    if (candidates.isEmpty()) {
      return out;
    }
    java.util.Set<String> ids = new java.util.TreeSet<>();
    candidates.forEach(c -> ids.addAll(List.of(c[0], c[1])));
    Map<String, byte[]> thumbs;
    try {
      thumbs = Duplicates.thumbnails(r.layout().samples().resolve("*.parquet"), ids);
    } catch (java.io.IOException e) {
      throw new SQLException("cannot read the candidates' images: " + e.getMessage(), e);
    }
    for (String[] c : candidates) {
      double diff = Duplicates.meanAbsoluteDifference(thumbs.get(c[0]), thumbs.get(c[1]));
      if (diff <= Duplicates.MAX_THUMBNAIL_DIFFERENCE) {
        String pair = c[2].compareTo(c[3]) < 0 ? c[2] + "/" + c[3] : c[3] + "/" + c[2];
        out.merge(pair, 1L, Long::sum);
      }
    }
    return out;
  }

  /** The catalog as a plain-text table and leakage lines, as {@code meta list} prints it. */
  public static String format(Catalog c) {
    StringBuilder sb = new StringBuilder();
    String fmt = "%-20s %-16s %-10s %-20s %-10s %7s %7s %7s %7s  %s%n";
    sb.append(
        String.format(
            Locale.ROOT,
            fmt,
            "dataset",
            "domain",
            "modality",
            "task",
            "type",
            "classes",
            "train",
            "val",
            "test",
            "original splits"));
    for (Entry e : c.entries()) {
      sb.append(
          String.format(
              Locale.ROOT,
              fmt,
              e.dataset(),
              e.domain(),
              e.modality(),
              e.task(),
              e.type(),
              e.classes().size(),
              e.counts().getOrDefault("train", 0L),
              e.counts().getOrDefault("val", 0L),
              e.counts().getOrDefault("test", 0L),
              e.originalCounts().isEmpty() ? "-" : new TreeMap<>(e.originalCounts()).toString()));
    }
    sb.append(System.lineSeparator()).append("leakage in the sources' own splits:");
    sb.append(System.lineSeparator());
    for (Leakage l : c.leakage()) {
      sb.append("  ").append(l.dataset()).append(": ");
      if (l.rowsWithOriginalSplit() == 0) {
        sb.append("no original split, nothing to check");
      } else {
        if (l.groups() == 0) {
          sb.append("no exact duplicate crosses its original splits");
        } else {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "%d images (%d rows) have exact copies in more than one original split %s",
                  l.groups(),
                  l.samples(),
                  new TreeMap<>(l.byPair())));
        }
        sb.append(
            l.nearPairs() == 0
                ? "; no near duplicate crosses them"
                : String.format(
                    Locale.ROOT,
                    "; %d pairs of near duplicates cross them %s",
                    l.nearPairs(),
                    new TreeMap<>(l.nearByPair())));
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }
}
