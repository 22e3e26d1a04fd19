package io.medloom.learn.meta;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.medloom.core.model.Label;
import io.medloom.store.AtomicFiles;
import io.medloom.store.Json;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Seeded N-way K-shot episodes over one single-label task: a support set of K rows per class and a
 * query set of a fixed number of rows per class, with no patient on both sides (two images of one
 * patient in support and query would let a nearest-prototype classifier match the patient rather
 * than the finding). Each episode draws from its own generator, seeded from the set's seed and the
 * episode's number, so episode 7 is the same whether 10 or 100 are drawn; a set saved to a file
 * lets two methods be compared on exactly the same episodes.
 */
public final class Episodes {
  private Episodes() {}

  /** A row that can be drawn: its id, its patient and its class index in the task. */
  public record Candidate(String id, String patientKey, int label) {}

  /** One drawn row. */
  public record Item(String id, int label) {}

  /** One episode: the classes drawn (their task indices), K, the support and the query. */
  public record Episode(
      int index, List<Integer> classes, int shots, List<Item> support, List<Item> query) {
    public Episode {
      classes = List.copyOf(classes);
      support = List.copyOf(support);
      query = List.copyOf(query);
    }
  }

  /** How to draw: N classes, K from {@code minShots} to {@code maxShots}, query rows per class. */
  public record Spec(
      int ways,
      @JsonProperty("min_shots") int minShots,
      @JsonProperty("max_shots") int maxShots,
      @JsonProperty("query_per_class") int queryPerClass,
      int episodes,
      long seed) {
    public Spec {
      if (ways < 2 || minShots < 1 || maxShots < minShots || queryPerClass < 1 || episodes < 1) {
        throw new IllegalArgumentException(
            "episodes need ways >= 2, 1 <= min shots <= max shots, query >= 1, episodes >= 1: "
                + this);
      }
    }
  }

  /** A saved set: the dataset and task it was drawn from, how, and the episodes. */
  public record EpisodeSet(
      String dataset,
      String fingerprint,
      String task,
      String scheme,
      String split,
      Spec spec,
      List<Episode> episodes) {
    public EpisodeSet {
      episodes = List.copyOf(episodes);
    }
  }

  /**
   * Draws the episodes of {@code spec} from {@code candidates}. Fails, naming the class, when a
   * class cannot give K support rows and the query from distinct patients.
   */
  public static List<Episode> sample(List<Candidate> candidates, Spec spec) {
    // A fixed order before any shuffle: the input order (reader, shard layout) must not matter.
    List<Candidate> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparing(Candidate::id));
    Map<Integer, Set<String>> patientsOf = new TreeMap<>();
    for (Candidate c : sorted) {
      patientsOf.computeIfAbsent(c.label(), k -> new HashSet<>()).add(c.patientKey());
    }
    // A class takes part only if it has enough patients for the largest support and the query.
    List<Integer> eligible = new ArrayList<>();
    patientsOf.forEach(
        (label, patients) -> {
          if (patients.size() >= spec.maxShots() + spec.queryPerClass()) {
            eligible.add(label);
          }
        });
    if (eligible.size() < spec.ways()) {
      throw new IllegalArgumentException(
          spec.ways()
              + "-way episodes with up to "
              + spec.maxShots()
              + " shots and "
              + spec.queryPerClass()
              + " query rows per class need "
              + spec.ways()
              + " classes with at least "
              + (spec.maxShots() + spec.queryPerClass())
              + " patients each; patients per class: "
              + patientCounts(patientsOf));
    }
    List<Episode> out = new ArrayList<>();
    for (int e = 0; e < spec.episodes(); e++) {
      out.add(episode(sorted, eligible, spec, e));
    }
    return out;
  }

  private static Map<Integer, Integer> patientCounts(Map<Integer, Set<String>> patientsOf) {
    Map<Integer, Integer> m = new TreeMap<>();
    patientsOf.forEach((k, v) -> m.put(k, v.size()));
    return m;
  }

  private static Episode episode(List<Candidate> sorted, List<Integer> eligible, Spec spec, int e) {
    Random rnd = new Random(mix(spec.seed(), e));
    List<Integer> classes = new ArrayList<>(eligible);
    Collections.shuffle(classes, rnd);
    classes = new ArrayList<>(classes.subList(0, spec.ways()));
    Collections.sort(classes);
    int shots = spec.minShots() + rnd.nextInt(spec.maxShots() - spec.minShots() + 1);
    // Whole patients are shuffled, then each side takes at most one row per patient and class:
    // a patient in support never reaches the query, and no patient fills a class alone.
    Map<String, List<Candidate>> byPatient = new TreeMap<>();
    Set<Integer> wanted = new HashSet<>(classes);
    for (Candidate c : sorted) {
      if (wanted.contains(c.label())) {
        byPatient.computeIfAbsent(c.patientKey(), k -> new ArrayList<>()).add(c);
      }
    }
    List<String> patients = new ArrayList<>(byPatient.keySet());
    Collections.shuffle(patients, rnd);
    Map<Integer, List<Item>> support = new TreeMap<>();
    Map<Integer, List<Item>> query = new TreeMap<>();
    classes.forEach(
        c -> {
          support.put(c, new ArrayList<>());
          query.put(c, new ArrayList<>());
        });
    for (String p : patients) {
      List<Candidate> rows = new ArrayList<>(byPatient.get(p));
      Collections.shuffle(rows, rnd);
      // The patient goes to the support if one of its classes still lacks support rows.
      boolean toSupport = rows.stream().anyMatch(r -> support.get(r.label()).size() < shots);
      Map<Integer, List<Item>> side = toSupport ? support : query;
      int limit = toSupport ? shots : spec.queryPerClass();
      Set<Integer> taken = new TreeSet<>();
      for (Candidate r : rows) {
        if (side.get(r.label()).size() < limit && taken.add(r.label())) {
          side.get(r.label()).add(new Item(r.id(), r.label()));
        }
      }
    }
    for (int c : classes) {
      if (support.get(c).size() < shots || query.get(c).size() < spec.queryPerClass()) {
        throw new IllegalArgumentException(
            "episode "
                + e
                + ": class "
                + c
                + " gives "
                + support.get(c).size()
                + " of "
                + shots
                + " support and "
                + query.get(c).size()
                + " of "
                + spec.queryPerClass()
                + " query rows from distinct patients");
      }
    }
    return new Episode(e, classes, shots, flatten(support), flatten(query));
  }

  private static List<Item> flatten(Map<Integer, List<Item>> byClass) {
    List<Item> out = new ArrayList<>();
    byClass.values().forEach(out::addAll);
    return out;
  }

  /** A 64-bit mix of seed and episode number (SplitMix64 finaliser), one generator per episode. */
  public static long mix(long seed, int episode) {
    long z = seed * 0x9E3779B97F4A7C15L + episode + 1;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The single-label rows of {@code task} in one split of a dataset (all rows when the split is
   * empty). Rows without a label for the task, or with a multi-label one, are not candidates.
   */
  public static List<Candidate> candidates(SampleReader reader, String task) throws IOException {
    if (reader.info().tasks().stream().noneMatch(t -> t.name().equals(task))) {
      throw new IllegalArgumentException(
          reader.root()
              + " has no task '"
              + task
              + "'; its tasks: "
              + reader.info().tasks().stream().map(t -> t.name()).toList());
    }
    List<Candidate> out = new ArrayList<>();
    for (int p = 0; p < reader.size(); p++) {
      SampleRecord s = reader.get(p);
      Optional<Label> l = s.label(task);
      if (l.isPresent() && l.get().index() >= 0) {
        out.add(new Candidate(s.id(), s.patientKey(), l.get().index()));
      }
    }
    return out;
  }

  /** Draws a set from a dataset directory; the set records the dataset's fingerprint. */
  public static EpisodeSet draw(
      Path dataset, String task, SplitScheme scheme, Optional<String> split, Spec spec)
      throws IOException {
    try (SampleReader r = SampleReader.open(dataset, scheme, split, EnumSet.of(Column.LABELS))) {
      return new EpisodeSet(
          r.info().name(),
          r.fingerprint(),
          task,
          scheme.wireName(),
          split.orElse("all"),
          spec,
          sample(candidates(r, task), spec));
    }
  }

  /** Writes a set atomically as JSON. */
  public static void save(EpisodeSet set, Path file) throws IOException {
    AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(set));
  }

  public static EpisodeSet load(Path file) throws IOException {
    try {
      return Json.MAPPER.readValue(file.toFile(), EpisodeSet.class);
    } catch (IOException e) {
      throw new IOException("unreadable episode file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Class counts of a side, for reports: class index to rows. */
  public static Map<Integer, Long> counts(List<Item> items) {
    Map<Integer, Long> m = new LinkedHashMap<>();
    items.forEach(i -> m.merge(i.label(), 1L, Long::sum));
    return m;
  }
}
