package io.medloom.phantom.source;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.image.BitMask;
import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Label;
import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.model.Text;
import io.medloom.core.source.SampleIds;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.phantom.PhantomFindings;
import io.medloom.phantom.PhantomGenerator;
import io.medloom.phantom.PhantomImage;
import io.medloom.phantom.PhantomRegion;
import io.medloom.phantom.PhantomSlot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@code phantom:N} — N synthetic chest radiographs (DESIGN §5) from {@link PhantomGenerator},
 * seeded by the build seed. Every fact is known, so the truth travels with the sample: findings as
 * labels, anatomy and lesion masks as regions (lesion attributes {@code truth.finding}, {@code
 * truth.location}, ...), and the report the phantom wrote. Option {@code render} sets the rendering
 * size before standardization (default 320).
 */
final class PhantomSource implements Source {
  static final Task FINDINGS = Task.of("findings", TaskTarget.MULTILABEL, PhantomFindings.FINDINGS);
  static final Task SEX = Task.of("sex", TaskTarget.BINARY, List.of("female", "male"));

  private final SourceSpec spec;
  private final long seed;
  private final List<PhantomSlot> slots;
  private final PhantomGenerator generator;

  PhantomSource(SourceSpec spec, SourceContext context) {
    this.spec = spec;
    int n;
    try {
      n = Integer.parseInt(spec.location());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "phantom source needs a count, e.g. phantom:600; got '" + spec.location() + "'", e);
    }
    checkArgument(n >= 1 && n <= 10_000_000, "phantom count must be in 1..10,000,000: %s", n);
    int render;
    try {
      render = Integer.parseInt(spec.option("render", "320"));
    } catch (NumberFormatException e) {
      render = -1;
    }
    checkArgument(
        render >= 128 && render <= 1024,
        "phantom option render must be a side in pixels in 128..1024, e.g. render=320; got '%s'",
        spec.option("render", "320"));
    this.seed = context.seed();
    this.generator = new PhantomGenerator(seed, render);
    this.slots = generator.layout(n);
  }

  @Override
  public SourceSpec spec() {
    return spec;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(slots.size());
  }

  @Override
  public List<Task> tasks() {
    return List.of(FINDINGS, SEX);
  }

  @Override
  public List<String> identifierPatterns() {
    return List.of("PHP-\\d{6}");
  }

  @Override
  public java.util.Set<String> identifiers() {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    for (PhantomSlot slot : slots) {
      ids.add(String.format("PHP-%06d", slot.patientNumber()));
    }
    return ids;
  }

  @Override
  public String license() {
    return "CC0-1.0 (synthetic)";
  }

  @Override
  public Iterator<SourceItem> items() {
    // The item name carries seed and index only: the patient id must not reach original_path.
    return slots.stream()
        .map(s -> SourceItem.of(s.index(), String.format("seed-%d/%07d.png", seed, s.index())))
        .iterator();
  }

  @Override
  public List<Sample> read(SourceItem item) {
    PhantomSlot slot = slots.get((int) item.ordinal());
    PhantomImage img = generator.render(slot);
    Raster raster = new Raster(img.width(), img.height(), 1, img.pixels());
    List<Roi> rois = new ArrayList<>();
    int a = 0;
    for (PhantomRegion r : img.anatomy()) {
      Roi.fromMask("anatomy-" + (++a), r.name(), mask(img, r), "mask", truth(r, false))
          .ifPresent(rois::add);
    }
    int l = 0;
    for (PhantomRegion r : img.lesions()) {
      Roi.fromMask("lesion-" + (++l), r.finding(), mask(img, r), "mask", truth(r, true))
          .ifPresent(rois::add);
    }
    List<Text> texts = new ArrayList<>();
    addText(texts, "report.indication", img.indication());
    addText(texts, "report.findings", img.findingsText());
    addText(texts, "report.impression", img.impressionText());
    Sample s =
        Sample.read(
            SampleIds.of(spec.kind(), item.path(), 0),
            spec.name(),
            item.path(),
            new Identity(img.patientId(), img.studyId()),
            "DX",
            "CHEST",
            img.view(),
            raster);
    return List.of(
        s.withLabels(
                List.of(
                    Label.multi(FINDINGS, img.findings()),
                    Label.single(SEX, img.sex().equals("M") ? 1 : 0)))
            .withRois(rois)
            .withTexts(texts));
  }

  private static BitMask mask(PhantomImage img, PhantomRegion r) {
    return BitMask.wrap(img.width(), img.height(), r.mask().clone());
  }

  private static Map<String, String> truth(PhantomRegion r, boolean lesion) {
    Map<String, String> m = new TreeMap<>();
    r.attributes().forEach((k, v) -> m.put("truth." + k, v));
    if (lesion) {
      m.put("truth.finding", r.finding());
      m.put("truth.location", r.location());
      m.put("truth.name", r.name());
    }
    return m;
  }

  private static void addText(List<Text> texts, String kind, String text) {
    if (text != null && !text.isBlank()) {
      texts.add(Text.of(kind, text, "phantom"));
    }
  }
}
