package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.StandardizeStage;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The acceptance: measured side + zone agree with the phantom's truth for >= 99% of PA lesions. */
class PhantomAgreementTest {
  private static final Pattern SIDE_ZONE =
      Pattern.compile("(right|left) (upper|middle|lower) zone");
  private static final List<Sample> ANNOTATED = new ArrayList<>();
  private static final AnnotateStageProvider PROVIDER = new AnnotateStageProvider();

  @BeforeAll
  static void build() throws Exception {
    Source src = Sources.open(SourceSpec.parse("phantom:200"), SourceContext.withSeed(3));
    StandardizeStage std = new StandardizeStage(224);
    for (Iterator<SourceItem> it = src.items(); it.hasNext(); ) {
      for (Sample s : src.read(it.next())) {
        ANNOTATED.add(PROVIDER.apply(std.apply(s)));
      }
    }
  }

  @Test
  void sideAndZoneAgreeWithTruth() {
    int checked = 0;
    List<String> misses = new ArrayList<>();
    for (Sample s : ANNOTATED) {
      if (!s.view().equals("PA")) {
        continue;
      }
      for (Roi r : s.rois()) {
        Matcher m = SIDE_ZONE.matcher(r.attributes().getOrDefault("truth.location", ""));
        if (!m.matches()) {
          continue;
        }
        checked++;
        String side = r.attributes().get("attr.loc.side");
        String zone = r.attributes().get("attr.loc.zone");
        if (!m.group(1).equals(side) || !m.group(2).equals(zone)) {
          misses.add(
              s.id()
                  + " "
                  + r.id()
                  + " "
                  + r.label()
                  + ": truth '"
                  + m.group()
                  + "' measured "
                  + side
                  + "/"
                  + zone);
        }
      }
    }
    double rate = 1 - misses.size() / (double) checked;
    System.out.printf(
        "phantom side+zone agreement: %.2f%% of %d PA lesions; misses: %s%n",
        100 * rate, checked, misses);
    assertThat(checked).isGreaterThan(50);
    assertThat(rate).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void everyDescriptionPassesTheCheckAndEverySampleHasAGlobal() {
    int rois = 0;
    for (Sample s : ANNOTATED) {
      assertThat(s.texts()).anyMatch(t -> t.kind().equals("desc.global"));
      assertThat(s.texts()).anyMatch(t -> t.kind().equals("desc.full"));
      Map<String, Roi> byId = new HashMap<>();
      s.rois().forEach(r -> byId.put(r.id(), r));
      for (Text t : s.texts()) {
        if (t.kind().equals("desc.roi")) {
          rois++;
          assertThat(ConsistencyCheck.agrees(t.text(), unprefixed(byId.get(t.roiId().get()))))
              .as(t.text())
              .isTrue();
        }
      }
    }
    long lesions =
        ANNOTATED.stream()
            .flatMap(s -> s.rois().stream())
            .filter(r -> !Anatomy.isAnatomy(r))
            .count();
    System.out.printf(
        "desc.roi written for %d of %d lesion ROIs; %d sentences rejected%n",
        rois, lesions, PROVIDER.rejectedTexts());
    assertThat(rois).isEqualTo((int) lesions);
  }

  @Test
  void printsAFewExamples() {
    ANNOTATED.stream()
        .filter(s -> s.rois().stream().anyMatch(r -> !Anatomy.isAnatomy(r)))
        .limit(3)
        .forEach(
            s ->
                s.texts().stream()
                    .filter(t -> t.origin().equals(Composer.ORIGIN))
                    .forEach(t -> System.out.println(t.kind() + ": " + t.text())));
    ANNOTATED.stream()
        .flatMap(s -> s.rois().stream())
        .filter(r -> !Anatomy.isAnatomy(r))
        .limit(20)
        .forEach(
            r ->
                System.out.println(
                    r.label()
                        + " "
                        + r.attributes().get("truth.location")
                        + " std="
                        + r.attributes().get("attr.texture.std")
                        + " contrast="
                        + r.attributes().get("attr.intensity.contrast")
                        + " circ="
                        + r.attributes().get("attr.shape.circularity")));
  }

  static Map<String, String> unprefixed(Roi r) {
    Map<String, String> a = new HashMap<>();
    r.attributes()
        .forEach(
            (k, v) -> {
              if (k.startsWith(AnnotateStageProvider.PREFIX)) {
                a.put(k.substring(AnnotateStageProvider.PREFIX.length()), v);
              }
            });
    return a;
  }
}
