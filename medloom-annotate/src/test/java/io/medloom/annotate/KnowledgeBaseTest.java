package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.StandardizeStage;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  static final KnowledgeBase KB = KnowledgeBase.standard();

  @Test
  void everyEntryHasDefinitionSourceAndAppearanceAndMakesNoLocationClaim() {
    assertThat(KB.entries())
        .extracting(KnowledgeBase.Entry::name)
        .contains(
            "nodule",
            "mass",
            "pleural effusion",
            "pneumothorax",
            "consolidation",
            "cardiomegaly",
            "support devices",
            "lesion",
            "lung",
            "heart",
            "breast",
            "brain");
    Set<String> modalities = Set.of("CR/DX", "CT", "US", "MR");
    for (KnowledgeBase.Entry e : KB.entries()) {
      assertThat(e.definition()).as(e.name()).isNotBlank().endsWith(".");
      assertThat(e.source()).as(e.name()).isNotBlank();
      assertThat(e.kind()).as(e.name()).isIn("finding", "organ");
      assertThat(e.appearance()).as(e.name()).isNotEmpty();
      assertThat(modalities).as(e.name()).containsAll(e.appearance().keySet());
      // Checked against no attributes, any side/zone/intensity/texture word would fail.
      assertThat(ConsistencyCheck.agrees(e.definition(), Map.of())).as(e.definition()).isTrue();
      for (String r : e.related()) {
        assertThat(KB.lookup(r)).as(e.name() + " -> " + r).isPresent();
      }
    }
  }

  @Test
  void lookupIsCaseInsensitiveWithSynonyms() {
    assertThat(KB.lookup("Nodule").get().name()).isEqualTo("nodule");
    assertThat(KB.lookup("pulmonary  nodule").get().name()).isEqualTo("nodule");
    assertThat(KB.lookup("Effusion").get().name()).isEqualTo("pleural effusion");
    assertThat(KB.lookup("PLEURAL_EFFUSION").get().name()).isEqualTo("pleural effusion");
    assertThat(KB.lookup("enlarged cardiac silhouette").get().name()).isEqualTo("cardiomegaly");
    assertThat(KB.lookup("Support Devices").get().name()).isEqualTo("support devices");
    assertThat(KB.lookup("breast lesion").get().name()).isEqualTo("lesion");
    assertThat(KB.lookup("right lung").get().name()).isEqualTo("lung");
    assertThat(KB.lookup("lungs").get().name()).isEqualTo("lung");
    assertThat(KB.lookup("fracture")).isEmpty();
    assertThat(KB.lookup(null)).isEmpty();
  }

  @Test
  void fullDescriptionQuotesTheDefinitionOfEachFindingOnlyWhenKnown() {
    String def = KB.lookup("nodule").get().definition();
    Sample s = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true);
    String full = full(new AnnotateStageProvider(List.of()).apply(s));
    assertThat(full).contains(def);
    assertThat(full.indexOf(def)).isEqualTo(full.lastIndexOf(def));
    Sample unknown =
        s.withRois(
            s.rois().stream()
                .map(
                    r ->
                        r.id().equals("lesion-1")
                            ? new io.medloom.core.model.Roi(
                                r.id(),
                                "fracture",
                                r.box(),
                                r.mask(),
                                r.areaFraction(),
                                r.origin(),
                                r.confidence(),
                                r.attributes())
                            : r)
                .toList());
    String none = full(new AnnotateStageProvider(List.of()).apply(unknown));
    for (KnowledgeBase.Entry e : KB.entries()) {
      assertThat(none).doesNotContain(e.definition());
    }
  }

  @Test
  void phantomNoduleSamplesGetTheDefinitionAndStillPassTheChecks() throws Exception {
    Source src = Sources.open(SourceSpec.parse("phantom:60"), SourceContext.withSeed(5));
    StandardizeStage std = new StandardizeStage(224);
    AnnotateStageProvider p = new AnnotateStageProvider(List.of());
    String def = KB.lookup("nodule").get().definition();
    int nodules = 0;
    for (Iterator<SourceItem> it = src.items(); it.hasNext(); ) {
      for (Sample raw : src.read(it.next())) {
        Sample s = p.apply(std.apply(raw));
        if (s.rois().stream().anyMatch(r -> r.label().equalsIgnoreCase("nodule"))) {
          nodules++;
          assertThat(full(s)).contains(def);
        }
      }
    }
    assertThat(nodules).isGreaterThan(0);
    assertThat(p.rejectedTexts()).isZero();
  }

  static String full(Sample s) {
    return s.texts().stream()
        .filter(t -> t.kind().equals("desc.full"))
        .map(Text::text)
        .findFirst()
        .orElseThrow();
  }
}
