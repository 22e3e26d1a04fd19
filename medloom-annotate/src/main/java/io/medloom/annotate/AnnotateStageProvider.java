package io.medloom.annotate;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code annotate} stage: measures every ROI from pixels (stored as {@code attr.*} attributes
 * next to the ROI's existing ones) and appends the composed descriptions. Re-running it replaces
 * its own earlier output instead of stacking it. Samples without an image pass through unchanged.
 */
public final class AnnotateStageProvider implements StageProvider {
  public static final String PREFIX = "attr.";

  // One provider instance serves a whole build (ServiceLoader), so these are build totals.
  private final AtomicLong annotated = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  @Override
  public String name() {
    return "annotate";
  }

  @Override
  public Stage stage() {
    return Stage.of(name(), this::apply);
  }

  /** Samples annotated so far by this provider's stage. */
  public long annotatedSamples() {
    return annotated.get();
  }

  /** Generated sentences dropped by {@link ConsistencyCheck} so far. */
  public long rejectedTexts() {
    return rejected.get();
  }

  public Sample apply(Sample s) {
    if (!s.hasImage()) {
      return s;
    }
    SampleFrame frame = SampleFrame.of(s);
    Map<String, Map<String, String>> attrs = new LinkedHashMap<>();
    List<Roi> rois = new ArrayList<>();
    for (Roi r : s.rois()) {
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
    Sample measured = s.withRois(rois);
    Composer.Composition c = Composer.composeCounted(measured, attrs, seed(s.id()));
    List<Text> texts = new ArrayList<>(s.texts());
    texts.removeIf(t -> t.origin().equals(Composer.ORIGIN));
    texts.addAll(c.texts());
    annotated.incrementAndGet();
    rejected.addAndGet(c.rejected());
    return measured.withTexts(texts);
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
