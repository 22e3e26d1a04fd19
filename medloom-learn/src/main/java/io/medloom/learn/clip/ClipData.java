package io.medloom.learn.clip;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Box;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.model.Text;
import io.medloom.core.transform.Augmentation;
import io.medloom.core.transform.Keyed;
import io.medloom.core.transform.RandomTransform;
import io.medloom.learn.data.Examples;
import io.medloom.learn.data.Normalization;
import io.medloom.store.read.Caption;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import io.medloom.text.prompt.PromptGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The image–text pairs of one split. A sample's texts, in order of preference: its report sections
 * (findings, impression), else its caption or clinical notes, else a report composed from its
 * labels by the text engine's prompt generator (CXR-CLIP's treatment of label-only datasets; drawn
 * anew, seeded, every time), else its generated description. Samples with neither an image nor any
 * text or label are left out and counted.
 *
 * <p>Thread-safe after construction: the reader is, and everything here is immutable.
 */
public final class ClipData {
  /** One usable sample. */
  record Item(
      int position,
      String study,
      List<String> sections,
      String report,
      Map<String, Integer> labelPrompt,
      float[] tags,
      List<Label> labels,
      List<Counterfactuals.Mention> mentions,
      List<Region> regions,
      String view) {}

  /**
   * A region with a description: its box in the stored image ({@code width × height}) and the
   * sentence that describes it (a {@code desc.roi} text naming the ROI).
   */
  record Region(Box box, int width, int height, String sentence) {}

  /** Regions of one sample used per step at most (the first ones, in the sample's order). */
  static final int MAX_REGIONS = 4;

  private final SampleReader reader;
  private final List<Item> items;
  private final Map<String, List<Integer>> byStudy;
  private final int channels;
  private final int size;
  private final Normalization norm;
  private final RandomTransform transform;
  private final long seed;
  private final int skipped;
  private final PromptGenerator prompts = PromptGenerator.standard();
  private final Counterfactuals counterfactuals = new Counterfactuals();

  public static final Set<Column> COLUMNS =
      EnumSet.of(Column.IMAGE, Column.LABELS, Column.TEXTS, Column.TRIPLETS, Column.ROIS);

  public ClipData(
      SampleReader reader,
      int size,
      Normalization norm,
      Augmentation augmentation,
      boolean training,
      long seed)
      throws IOException {
    this(reader, size, norm, augmentation, training, seed, false);
  }

  /**
   * Every sample with an image, paired or not ({@code images} true: a search index, which needs no
   * text), with the evaluation transform.
   */
  public static ClipData images(SampleReader reader, int size, Normalization norm, long seed)
      throws IOException {
    return new ClipData(reader, size, norm, Augmentation.NONE, false, seed, true);
  }

  private ClipData(
      SampleReader reader,
      int size,
      Normalization norm,
      Augmentation augmentation,
      boolean training,
      long seed,
      boolean imagesOnly)
      throws IOException {
    this.reader = reader;
    this.channels = reader.info().inputSize().get(0);
    this.size = size;
    this.norm = norm;
    this.seed = seed;
    boolean flipSafe = Augmentation.flipIsSafe(reader.info().modalities());
    this.transform =
        training ? augmentation.training(size, flipSafe) : Augmentation.evaluation(size);
    List<Task> tasks = reader.info().tasks();
    List<Item> out = new ArrayList<>();
    Map<String, List<Integer>> studies = new TreeMap<>();
    int skip = 0;
    Set<Column> meta = EnumSet.of(Column.LABELS, Column.TEXTS, Column.TRIPLETS, Column.ROIS);
    for (int p = 0; p < reader.size(); p++) {
      SampleRecord s = reader.get(p, meta);
      List<String> sections = new ArrayList<>();
      first(s.texts(), "report.findings").ifPresent(sections::add);
      first(s.texts(), "report.impression").ifPresent(sections::add);
      String report = String.join(" ", sections);
      if (report.isBlank()) {
        report = written(s.texts());
      }
      Map<String, Integer> prompt = report.isBlank() ? labelPrompt(s.labels(), tasks) : Map.of();
      if (report.isBlank() && prompt.isEmpty()) {
        // Generated descriptions come last: on a label-only dataset (MedMNIST) the description is
        // the same sentence for every image and would leave nothing to contrast.
        report = Caption.of(s.texts());
      }
      if (s.width() == 0 || (report.isBlank() && prompt.isEmpty() && !imagesOnly)) {
        skip++;
        continue;
      }
      if (sections.isEmpty() && !report.isBlank()) {
        sections.add(report);
      }
      float[] tags = FindingTags.of(s.triplets(), s.labels(), tasks);
      studies.computeIfAbsent(s.studyKey(), k -> new ArrayList<>()).add(out.size());
      List<Counterfactuals.Mention> mentions =
          prompt.isEmpty() ? Counterfactuals.mentions(report, s.triplets()) : List.of();
      if (prompt.isEmpty()) {
        counterfactuals.add(s.texts(), s.triplets());
      }
      out.add(
          new Item(
              p,
              s.studyKey(),
              List.copyOf(sections),
              report,
              prompt,
              tags,
              s.labels(),
              mentions,
              regions(s),
              s.view() == null ? "" : s.view()));
    }
    this.items = List.copyOf(out);
    Map<String, List<Integer>> frozen = new HashMap<>();
    studies.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    this.byStudy = Map.copyOf(frozen);
    this.skipped = skip;
  }

  /** The sample's ROIs that a {@code desc.roi} text describes, at most {@link #MAX_REGIONS}. */
  private static List<Region> regions(SampleRecord s) {
    List<Region> out = new ArrayList<>();
    for (Text t : s.texts()) {
      if (!t.kind().equals("desc.roi") || t.roiId().isEmpty() || t.text().isBlank()) {
        continue;
      }
      for (Roi roi : s.rois()) {
        if (roi.id().equals(t.roiId().get()) && out.size() < MAX_REGIONS) {
          out.add(new Region(roi.box(), s.width(), s.height(), t.text().strip()));
        }
      }
    }
    return List.copyOf(out);
  }

  /** A caption or clinical notes someone wrote (not generated), else "". */
  static String written(List<Text> texts) {
    return first(texts, "caption").or(() -> first(texts, "clinical_notes")).orElse("");
  }

  private static java.util.Optional<String> first(List<Text> texts, String kind) {
    return Caption.first(texts, Text::kind, Text::text, kind);
  }

  /**
   * Class name to 1/0 for the prompt generator: a sample's positive classes are 1, the other
   * classes of its multilabel and multiclass tasks 0 (regression and segmentation tasks say
   * nothing).
   */
  static Map<String, Integer> labelPrompt(List<Label> labels, List<Task> tasks) {
    Map<String, Integer> out = new TreeMap<>();
    for (Label l : labels) {
      Task task = tasks.stream().filter(t -> t.name().equals(l.task())).findFirst().orElse(null);
      if (task == null
          || task.target() == TaskTarget.REGRESSION
          || task.target() == TaskTarget.SEGMENTATION) {
        continue;
      }
      for (var c : task.classes().entrySet()) {
        out.merge(c.getValue(), l.indices().contains(c.getKey()) ? 1 : 0, Math::max);
      }
    }
    return out;
  }

  public int size() {
    return items.size();
  }

  /** Samples of the split left out: no image, or no text and no label to compose one from. */
  public int skipped() {
    return skipped;
  }

  public int channels() {
    return channels;
  }

  public int imageSize() {
    return size;
  }

  public SampleReader reader() {
    return reader;
  }

  public int position(int i) {
    return items.get(i).position();
  }

  /** The sample id of example {@code i}. */
  public String id(int i) throws IOException {
    return reader.get(items.get(i).position(), Set.of()).id();
  }

  public float[] tags(int i) {
    return items.get(i).tags();
  }

  public List<Label> labels(int i) {
    return items.get(i).labels();
  }

  /** Example {@code i}'s view position as stored (PA, AP, LATERAL, ...), "" when unknown. */
  public String view(int i) {
    return items.get(i).view();
  }

  /** Whether example {@code i}'s text is a report, caption or notes (not composed from labels). */
  public boolean written(int i) {
    return items.get(i).labelPrompt().isEmpty();
  }

  /** The whole report (findings then impression), or the composed label text with a fixed seed. */
  public String report(int i) {
    Item it = items.get(i);
    return it.report().isBlank() ? prompts.reportFor(it.labelPrompt(), seed) : it.report();
  }

  /** The training text of single-view losses: the report, or a composed label text drawn anew. */
  public String report(int i, int epoch, int slot) {
    Item it = items.get(i);
    return it.labelPrompt().isEmpty()
        ? it.report()
        : prompts.reportFor(it.labelPrompt(), mix(seed, epoch, slot * 2L));
  }

  /**
   * Text {@code view} (0 or 1) of example {@code i} in an epoch: with two sections, findings then
   * impression; with one, that section for view 0 and the report again for view 1; label-only
   * samples draw a new composed report per (epoch, slot, view).
   */
  public String text(int i, int epoch, int slot, int view) {
    Item it = items.get(i);
    if (!it.labelPrompt().isEmpty()) {
      return prompts.reportFor(it.labelPrompt(), mix(seed, epoch, slot * 2L + view));
    }
    return it.sections().get(Math.min(view, it.sections().size() - 1));
  }

  /**
   * The example whose image is the second view of example {@code i}: another image of the same
   * study drawn uniformly (so always a different view when the study has two or more), or {@code i}
   * itself (then re-augmented) when the study has one.
   */
  public int otherView(int i, int epoch, int slot) {
    List<Integer> study = byStudy.get(items.get(i).study());
    if (study.size() < 2) {
      return i;
    }
    SplittableRandom rng = new SplittableRandom(mix(seed, epoch, slot * 2L + 7));
    int k = rng.nextInt(study.size() - 1);
    int other = study.get(k);
    return other == i ? study.get(study.size() - 1) : other;
  }

  /** The normalized CHW floats of example {@code i}'s image, augmentation seeded by the key. */
  public float[] image(int i, long key) throws IOException {
    SampleRecord s = reader.get(items.get(i).position(), Set.of(Column.IMAGE));
    Raster img = s.image().orElseThrow().withChannels(channels);
    Raster out = transform.apply(Keyed.of(img), new SplittableRandom(key)).image();
    return Examples.floats(out, norm);
  }

  /** Example {@code i}'s regions (box and sentence), empty when it has none. */
  List<Region> regions(int i) {
    return items.get(i).regions();
  }

  /**
   * The image as {@link #image(int, long)} gives it, and each region's coverage of a {@code grid ×
   * grid} feature map: the region's box is moved with the image by the same crop and rotation, then
   * the fraction of each cell's pixels it covers is taken ({@code grid·grid} floats per region,
   * row-major; all zero when augmentation moved the region out of view).
   */
  public float[] image(int i, long key, int grid, List<float[]> coverage) throws IOException {
    List<Region> regions = items.get(i).regions();
    SampleRecord s = reader.get(items.get(i).position(), Set.of(Column.IMAGE));
    Raster img = s.image().orElseThrow().withChannels(channels);
    List<BitMask> masks = new ArrayList<>();
    for (Region r : regions) {
      masks.add(boxMask(r.box(), img.width(), img.height()));
    }
    Keyed out = transform.apply(new Keyed(img, masks), new SplittableRandom(key));
    for (BitMask m : out.masks()) {
      coverage.add(coverage(m, grid));
    }
    return Examples.floats(out.image(), norm);
  }

  static BitMask boxMask(Box b, int width, int height) {
    byte[] bits = new byte[width * height];
    for (int y = Math.min(b.y0(), height); y < Math.min(b.y1(), height); y++) {
      for (int x = Math.min(b.x0(), width); x < Math.min(b.x1(), width); x++) {
        bits[y * width + x] = 1;
      }
    }
    return BitMask.wrap(width, height, bits);
  }

  /** The fraction of each of {@code grid × grid} equal cells that the mask covers. */
  static float[] coverage(BitMask m, int grid) {
    float[] out = new float[grid * grid];
    for (int u = 0; u < grid; u++) {
      int y0 = u * m.height() / grid;
      int y1 = Math.max(y0 + 1, (u + 1) * m.height() / grid);
      for (int v = 0; v < grid; v++) {
        int x0 = v * m.width() / grid;
        int x1 = Math.max(x0 + 1, (v + 1) * m.width() / grid);
        int in = 0;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            in += m.get(x, y) ? 1 : 0;
          }
        }
        out[u * grid + v] = in / (float) ((y1 - y0) * (x1 - x0));
      }
    }
    return out;
  }

  /**
   * A hard negative of {@code text} (a text of example {@code i}): see {@link Counterfactuals};
   * null when none can be made (no finding sentence of the bank's in it, or a composed text).
   */
  public String counterfactual(int i, String text, int epoch, int slot) {
    Item it = items.get(i);
    if (it.mentions().isEmpty()) {
      return null;
    }
    SplittableRandom rng = new SplittableRandom(mix(seed, epoch, slot * 2L + 13));
    return counterfactuals.of(text, it.mentions(), rng);
  }

  /** SplitMix-style mixing of three numbers into one seed. */
  static long mix(long a, long b, long c) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L + c;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The image's augmentation key for (epoch, slot, view). */
  public long imageKey(int epoch, int slot, int view) {
    return mix(seed, epoch, slot * 2L + view + 1_000_003L);
  }
}
