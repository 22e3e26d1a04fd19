package io.medloom.text.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluation protocol on hand-worked cases. */
class EvalTest {
  @Test
  void meshTermsMapToObservations() {
    MeshTruth m = MeshTruth.standard();
    assertThat(m.observations("normal")).containsExactly("No Finding");
    assertThat(m.observations("Cardiomegaly/mild;Calcified Granuloma/lung/upper lobe/right"))
        .containsExactly("Cardiomegaly");
    // qualified rules need their qualifier
    assertThat(m.observations("Costophrenic Angle/left/blunted"))
        .containsExactly("Pleural Effusion");
    assertThat(m.observations("Costophrenic Angle/left")).isEmpty();
    assertThat(m.observations("Mediastinum/widened")).containsExactly("Enlarged Cardiomediastinum");
    assertThat(m.observations("Catheters, Indwelling/right;Opacity/lung/base"))
        .containsExactlyInAnyOrder("Support Devices", "Lung Opacity");
    assertThat(m.observations(null)).isEmpty();
  }

  @Test
  void mappingFollowsTheObservationDefinitions() {
    MeshTruth m = MeshTruth.standard();
    // the heart's size qualifiers as the labeler reads them, as Cardiomegaly/borderline already was
    assertThat(m.observations("Cardiac Shadow/borderline")).containsExactly("Cardiomegaly");
    assertThat(m.observations("Heart/apex/prominent")).containsExactly("Cardiomegaly");
    assertThat(m.observations("Heart/obscured")).isEmpty();
    assertThat(m.observations("Cardiomegaly/borderline")).containsExactly("Cardiomegaly");
    // a child of Lung Diseases, Interstitial in the MeSH tree
    assertThat(m.observations("Pulmonary Fibrosis/interstitial")).containsExactly("Lung Opacity");
    assertThat(m.observations("Hydropneumothorax/apex/right")).containsExactly("Pneumothorax");
    // the posterior sulcus is the posterior costophrenic angle
    assertThat(m.observations("Sulcus/right/posterior/blunted"))
        .containsExactly("Pleural Effusion");
    assertThat(m.observations("Sulcus/right")).isEmpty();
  }

  @Test
  void aCalcifiedNoduleIsNoLungLesion() {
    MeshTruth m = MeshTruth.standard();
    // IU's calcified nodule: Nodule beside Calcinosis (or Calcified Granuloma) at the same site
    assertThat(m.observations("Calcinosis/lung/hilum/right;Nodule/lung/hilum/right")).isEmpty();
    assertThat(m.observations("Nodule/heart/left/small;Calcified Granuloma/heart/left/small"))
        .isEmpty();
    // near misses: calcification elsewhere, or none
    assertThat(m.observations("Calcinosis/lung/upper lobe/left;Nodule/lung/upper lobe/right"))
        .containsExactly("Lung Lesion");
    assertThat(m.observations("Nodule/lung/apex/right")).containsExactly("Lung Lesion");
    assertThat(
            m.observations(
                "Nodule/lung/upper lobe/right;Calcinosis/lung/upper lobe/right;Nodule/lung/base/left"))
        .containsExactly("Lung Lesion");
  }

  @Test
  void uncertainCountsAsPositiveAndNoFindingIsJudgedOnlyWhereMeshCanTell() {
    LabelScore s = new LabelScore();
    // normal report labeled normal: No Finding tp
    s.add(Set.of("No Finding"), Map.of("No Finding", 1, "Pneumothorax", 0));
    // pathology report with an uncertain label: Pneumothorax tp (uncertain counts), No Finding tn
    s.add(Set.of("Pneumothorax"), Map.of("Pneumothorax", -1));
    // MeSH names only unmapped terms: No Finding is not judged; a stray positive is an fp
    s.add(Set.of(), Map.of("No Finding", 1, "Fracture", 1));
    // devices only: No Finding not judged either
    s.add(Set.of("Support Devices"), Map.of("No Finding", 1));
    LabelScore.Row nf = s.rows().get(0);
    assertThat(new int[] {nf.tp(), nf.fp(), nf.fn(), nf.tn()}).containsExactly(1, 0, 0, 1);
    LabelScore.Row ptx = s.rows().get(9);
    assertThat(ptx.observation()).isEqualTo("Pneumothorax");
    assertThat(new int[] {ptx.tp(), ptx.fp(), ptx.fn(), ptx.tn()}).containsExactly(1, 0, 0, 3);
    LabelScore.Row fx = s.rows().get(12);
    assertThat(new int[] {fx.tp(), fx.fp(), fx.fn(), fx.tn()}).containsExactly(0, 1, 0, 3);
    LabelScore.Row sd = s.rows().get(13);
    assertThat(new int[] {sd.tp(), sd.fp(), sd.fn(), sd.tn()}).containsExactly(0, 0, 1, 3);
    // macro over the observations with a positive: No Finding 1, Pneumothorax 1, Support Devices 0
    assertThat(s.scoredObservations()).isEqualTo(3);
    assertThat(s.macroF1()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void uncertainPositivesAreCountedAndUZerosScoresThemNegative() {
    LabelScore ones = new LabelScore();
    LabelScore zeros = LabelScore.uncertainAsNegative();
    // a hedged pneumonia the reference does not index, a hedged one it does, an asserted one
    var reports =
        List.of(
            Map.entry(Set.of("Lung Opacity"), Map.of("Lung Opacity", 1, "Pneumonia", -1)),
            Map.entry(Set.of("Pneumonia"), Map.of("Pneumonia", -1)),
            Map.entry(Set.of("Pneumonia"), Map.of("Pneumonia", 1)));
    for (var r : reports) {
      ones.add(r.getKey(), r.getValue());
      zeros.add(r.getKey(), r.getValue());
    }
    LabelScore.Row p1 = ones.rows().get(7);
    assertThat(p1.observation()).isEqualTo("Pneumonia");
    assertThat(new int[] {p1.tp(), p1.fp(), p1.fn(), p1.tn(), p1.tpUncertain(), p1.fpUncertain()})
        .containsExactly(2, 1, 0, 0, 1, 1);
    LabelScore.Row p0 = zeros.rows().get(7);
    assertThat(new int[] {p0.tp(), p0.fp(), p0.fn(), p0.tn(), p0.tpUncertain(), p0.fpUncertain()})
        .containsExactly(1, 0, 1, 1, 0, 0);
    assertThat(ones.table("t")).contains("tp.u").contains("fp.u");
  }

  @Test
  void goldLinesParseAndDeriveNoFinding() {
    var items =
        GoldSet.parse(
            "# comment\nNo effusion.\tEFF-\nSmall effusion.\tEFF+\nPICC in SVC.\tSD+\nClear.\t.\n");
    assertThat(items).hasSize(4);
    assertThat(items.get(0).expected())
        .containsEntry("No Finding", 1)
        .containsEntry("Pleural Effusion", 0);
    assertThat(items.get(1).expected()).doesNotContainKey("No Finding");
    assertThat(items.get(2).expected()).containsEntry("No Finding", 1);
    assertThat(items.get(3).expected()).containsOnlyKeys("No Finding");
    assertThat(items.get(1).heldOut()).isTrue();
    assertThatThrownBy(() -> GoldSet.parse("No effusion.\tEFF*\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("EFF*");
    assertThatThrownBy(() -> GoldSet.parse("No effusion. EFF-\n")).hasMessageContaining("<TAB>");
    assertThatThrownBy(() -> GoldSet.parse("x\tEFF- EFF+\n")).hasMessageContaining("repeated");
  }

  @Test
  void existenceScoreCountsStates() {
    ExistenceScore e = new ExistenceScore();
    assertThat(e.add(Map.of("Pneumothorax", 0), Map.of("Pneumothorax", 0))).isTrue();
    assertThat(e.add(Map.of("Pneumothorax", -1), Map.of("Pneumothorax", 1))).isFalse();
    assertThat(e.precision("absent")).isEqualTo(1.0);
    assertThat(e.precision("present")).isEqualTo(0.0);
    assertThat(e.recall("uncertain")).isEqualTo(0.0);
    assertThat(e.exact()).isEqualTo(1);
  }
}
