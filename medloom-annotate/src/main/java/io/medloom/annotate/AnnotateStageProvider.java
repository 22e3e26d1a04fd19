package io.medloom.annotate;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.RoiProposer;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StageProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code annotate} stage: measures every ROI from pixels (stored as {@code attr.*} attributes
 * next to the ROI's existing ones) and appends the composed descriptions. Re-running it replaces
 * its own earlier output instead of stacking it. Samples without an image pass through unchanged.
 *
 * <p>Before measuring, the ROI list is prepared: finding masks are split into connected components
 * ({@link MaskComponents}, specks dropped), images without any finding ROI get the ROIs of every
 * finding {@link RoiProposer}, images lacking a region of a label proposer's label get its regions
 * of that label (origin {@code model:<name>}, attribute {@code model}; a proposer's regions from an
 * earlier run are replaced), and chest images get the atlas lung zones ({@link LungZones},
 * recomputed on every run, also on a model's lungs).
 */
public final class AnnotateStageProvider implements StageProvider {
  public static final String PREFIX = "attr.";

  // One provider instance serves a whole build (ServiceLoader), so these are build totals.
  private final AtomicLong annotated = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final List<RoiProposer> proposers;

  /** The ServiceLoader entry point: proposers are those on the class path. */
  public AnnotateStageProvider() {
    this(loadProposers());
  }

  /** With the given proposers instead of the class path's (tests, embedding). */
  AnnotateStageProvider(List<RoiProposer> proposers) {
    this.proposers = List.copyOf(proposers);
  }

  /**
   * The class path's proposers and {@code extra} (e.g. a model named by {@code --roi-model}), in
   * that order.
   */
  public static AnnotateStageProvider withProposers(List<RoiProposer> extra) {
    List<RoiProposer> all = new ArrayList<>(loadProposers());
    all.addAll(extra);
    return new AnnotateStageProvider(all);
  }

  private static List<RoiProposer> loadProposers() {
    List<RoiProposer> found = new ArrayList<>();
    ServiceLoader.load(RoiProposer.class).forEach(found::add);
    return found;
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public String name() {
    return "annotate";
  }

  @Override
  public Stage stage(StageContext context) {
    return Stage.of(name(), s -> apply(s, context.seed()));
  }

  /** Samples annotated so far by this provider's stage. */
  public long annotatedSamples() {
    return annotated.get();
  }

  /** Generated sentences dropped by {@link ConsistencyCheck} so far. */
  public long rejectedTexts() {
    return rejected.get();
  }

  /** Annotates {@code s} as a build with seed 0 would. */
  public Sample apply(Sample s) {
    return apply(s, 0L);
  }

  /** Annotates {@code s}; the build seed varies the wording, the sample id keeps it stable. */
  public Sample apply(Sample s, long buildSeed) {
    if (!s.hasImage()) {
      return s;
    }
    Sample prepared = s.withRois(prepare(s));
    SampleFrame frame = SampleFrame.of(prepared);
    Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
    List<Roi> rois = new ArrayList<>();
    for (Roi r : prepared.rois()) {
      Map<String, String> a = RoiAttributes.compute(frame, r);
      attrs.put(r.id(), a);
      Map<String, String> merged = new TreeMap<>(r.attributes());
      merged.keySet().removeIf(k -> k.startsWith(PREFIX));
      a.forEach((k, v) -> merged.put(PREFIX + k, v));
      rois.add(
          new Roi(
              r.id(),
              r.label(),
              r.box(),
              r.mask(),
              r.areaFraction(),
              r.origin(),
              r.confidence(),
              merged));
    }
    Sample measured = prepared.withRois(rois);
    Composer.Composition c =
        Composer.composeCounted(measured, attrs, seed(s.id()) + buildSeed * 0x9E3779B97F4A7C15L);
    List<Text> texts = new ArrayList<>(s.texts());
    // Rephrasings are derived from composed texts, so they go (and are asked for again) with them.
    texts.removeIf(t -> t.origin().equals(Composer.ORIGIN) || t.origin().startsWith("llm:"));
    texts.addAll(c.texts());
    annotated.incrementAndGet();
    rejected.addAndGet(c.rejected());
    return measured.withTexts(texts);
  }

  /** Components, proposals and atlas zones; earlier lung zones are dropped and recomputed. */
  List<Roi> prepare(Sample s) {
    Set<String> replaced = new HashSet<>();
    for (RoiProposer p : proposers) {
      if (!p.labels().isEmpty()) {
        replaced.add(origin(p.name()));
      }
    }
    List<Roi> rois = new ArrayList<>();
    for (Roi r : s.rois()) {
      if (!Anatomy.isLungZone(r) && !replaced.contains(r.origin())) {
        rois.addAll(MaskComponents.split(r));
      }
    }
    Set<String> ids = new HashSet<>();
    rois.forEach(r -> ids.add(r.id()));
    boolean noFinding = rois.stream().allMatch(Anatomy::isAnatomy);
    Set<String> present = new HashSet<>();
    rois.forEach(r -> present.add(r.label().toLowerCase(Locale.ROOT)));
    List<Roi> proposed = new ArrayList<>();
    for (RoiProposer p : proposers) {
      Set<String> wanted = new HashSet<>();
      p.labels().forEach(l -> wanted.add(l.toLowerCase(Locale.ROOT)));
      wanted.removeAll(present);
      if (p.labels().isEmpty() ? !noFinding : wanted.isEmpty()) {
        continue;
      }
      for (Roi r : p.propose(s)) {
        if (p.labels().isEmpty() || wanted.contains(r.label().toLowerCase(Locale.ROOT))) {
          proposed.add(stamp(r, p.name(), ids));
        }
      }
    }
    rois.addAll(proposed);
    int w = s.image().get().width();
    int h = s.image().get().height();
    rois.addAll(LungZones.of(rois, w, h));
    return rois;
  }

  /** The origin of a proposer's regions. */
  static String origin(String model) {
    return "model:" + model;
  }

  /** Origin model:NAME, attribute model = the proposer's name, id made unique within the sample. */
  private static Roi stamp(Roi r, String model, Set<String> ids) {
    String id = r.id();
    for (int k = 2; ids.contains(id); k++) {
      id = r.id() + "-" + k;
    }
    ids.add(id);
    Map<String, String> a = new TreeMap<>(r.attributes());
    a.put("model", model);
    return new Roi(
        id, r.label(), r.box(), r.mask(), r.areaFraction(), origin(model), r.confidence(), a);
  }

  /** FNV-1a 64 of the id: stable across JVMs and releases, unlike relying on hashCode details. */
  static long seed(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
