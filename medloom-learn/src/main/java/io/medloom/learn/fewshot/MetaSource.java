package io.medloom.learn.fewshot;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.transform.Augmentation;
import io.medloom.core.transform.Keyed;
import io.medloom.core.transform.RandomTransform;
import io.medloom.learn.data.Examples;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.meta.Domains;
import io.medloom.learn.meta.Episodes.Candidate;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import io.medloom.store.read.SplitScheme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One dataset of a meta-dataset: its domain, the rows of each classification task that episodes can
 * draw (single-label rows; for a multilabel task the rows with exactly one positive class, so that
 * an episode's classes never overlap), and images on demand as an encoder sees them. Not
 * thread-safe.
 */
public final class MetaSource implements AutoCloseable {
  /** A task's drawable rows: candidates, their MedLoom split, and the class names. */
  public record TaskRows(
      String dataset,
      String domain,
      Task task,
      List<String> classes,
      List<Candidate> candidates,
      Map<String, String> splitOf) {
    public TaskRows {
      classes = List.copyOf(classes);
      candidates = List.copyOf(candidates);
      splitOf = Map.copyOf(splitOf);
    }

    /** {@code dataset/task}, the key of results. */
    public String key() {
      return dataset + "/" + task.name();
    }
  }

  private final Path root;
  private final SampleReader reader;
  private final String domain;
  private final Map<String, Integer> positionOf = new HashMap<>();
  private final List<TaskRows> tasks;
  private final Map<Integer, Normalization> ownNorm = new HashMap<>();

  private MetaSource(Path root, SampleReader reader) throws IOException {
    this.root = root;
    this.reader = reader;
    this.domain = Domains.of(reader.info());
    Map<String, List<Candidate>> byTask = new LinkedHashMap<>();
    Map<String, Map<String, String>> splits = new LinkedHashMap<>();
    List<Task> classTasks =
        reader.info().tasks().stream()
            .filter(
                t ->
                    t.target() != TaskTarget.REGRESSION
                        && t.target() != TaskTarget.SEGMENTATION
                        && t.classes().size() >= 2)
            .toList();
    classTasks.forEach(
        t -> {
          byTask.put(t.name(), new ArrayList<>());
          splits.put(t.name(), new HashMap<>());
        });
    for (int p = 0; p < reader.size(); p++) {
      SampleRecord s = reader.get(p, Set.of(Column.LABELS));
      if (s.width() == 0) {
        continue;
      }
      positionOf.put(s.id(), p);
      for (Label l : s.labels()) {
        List<Candidate> list = byTask.get(l.task());
        if (list == null || l.indices().size() != 1) {
          continue;
        }
        list.add(new Candidate(s.id(), s.patientKey(), l.indices().get(0)));
        splits.get(l.task()).put(s.id(), s.split());
      }
    }
    List<TaskRows> out = new ArrayList<>();
    for (Task t : classTasks) {
      out.add(
          new TaskRows(
              reader.info().name(),
              domain,
              t,
              List.copyOf(t.classes().values()),
              byTask.get(t.name()),
              splits.get(t.name())));
    }
    this.tasks = List.copyOf(out);
  }

  /** Opens every row of a dataset (the MedLoom split is kept per row). */
  public static MetaSource open(Path root) throws IOException {
    SampleReader r =
        SampleReader.open(
            root, SplitScheme.MEDLOOM, Optional.empty(), EnumSet.of(Column.IMAGE, Column.LABELS));
    try {
      return new MetaSource(root, r);
    } catch (IOException | RuntimeException e) {
      r.close();
      throw e;
    }
  }

  public Path root() {
    return root;
  }

  public String name() {
    return reader.info().name();
  }

  public String domain() {
    return domain;
  }

  public List<TaskRows> tasks() {
    return tasks;
  }

  public SampleReader reader() {
    return reader;
  }

  /**
   * Normalized CHW floats of the rows {@code ids}, one after the other, resized to {@code size} and
   * converted to {@code channels}; {@code norm} empty: this dataset's own pixel mean and spread.
   */
  public float[] images(List<String> ids, int size, int channels, Optional<Normalization> norm)
      throws IOException {
    Normalization n = norm.isPresent() ? norm.get() : ownNormalization(channels);
    RandomTransform resize = Augmentation.evaluation(size);
    int per = channels * size * size;
    float[] out = new float[ids.size() * per];
    for (int i = 0; i < ids.size(); i++) {
      Integer p = positionOf.get(ids.get(i));
      if (p == null) {
        throw new IllegalArgumentException(root + " has no image row " + ids.get(i));
      }
      Raster img = reader.get(p, Set.of(Column.IMAGE)).image().orElseThrow();
      Raster r = resize.apply(Keyed.of(img.withChannels(channels)), null).image();
      System.arraycopy(Examples.floats(r, n), 0, out, i * per, per);
    }
    return out;
  }

  /** Pixel mean and spread of the first 256 image rows (in [0,1]), computed once per channels. */
  private Normalization ownNormalization(int channels) throws IOException {
    Normalization cached = ownNorm.get(channels);
    if (cached != null) {
      return cached;
    }
    double sum = 0;
    double sq = 0;
    long count = 0;
    int seen = 0;
    for (int p = 0; p < reader.size() && seen < 256; p++) {
      Optional<Raster> img = reader.get(p, Set.of(Column.IMAGE)).image();
      if (img.isEmpty()) {
        continue;
      }
      seen++;
      for (byte b : img.get().withChannels(channels).pixels()) {
        double v = (b & 0xff) / 255.0;
        sum += v;
        sq += v * v;
      }
      count += img.get().withChannels(channels).pixels().length;
    }
    double mean = count == 0 ? 0 : sum / count;
    double std = count == 0 ? 1 : Math.sqrt(Math.max(1e-6, sq / count - mean * mean));
    Normalization n = new Normalization(mean, std, 0, 1);
    ownNorm.put(channels, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
