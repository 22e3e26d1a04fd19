package io.medloom.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sections, sentences, triplets, labeler aggregation and bad input. */
class StructureTest {
  @Test
  void sectionsWithVariants() {
    String r =
        "EXAMINATION: Chest PA and lateral\nINDICATION: cough\nComparison - none.\n"
            + "Findings: The lungs are clear.\nIMPRESSIONS:  No acute disease.";
    List<Section> s = ReportSections.split(r);
    assertThat(s)
        .extracting(Section::name, Section::text)
        .containsExactly(
            tuple("technique", "Chest PA and lateral"),
            tuple("indication", "cough"),
            tuple("comparison", "none."),
            tuple("findings", "The lungs are clear."),
            tuple("impression", "No acute disease."));
    for (Section x : s) {
      assertThat(r.substring(x.start(), x.end())).isEqualTo(x.text());
    }
    assertThat(
            ReportSections.split(
                "clinical history: fever. FINDING: effusion. Conclusion: effusion"))
        .extracting(Section::name)
        .containsExactly("history", "findings", "impression");
    assertThat(ReportSections.split("Heart size normal. Lungs clear."))
        .extracting(Section::name)
        .containsExactly("findings");
    assertThat(ReportSections.split("Portable chest.\nFINDINGS\nLungs clear."))
        .extracting(Section::name, Section::text)
        .containsExactly(tuple("other", "Portable chest."), tuple("findings", "Lungs clear."));
    assertThat(ReportSections.split("")).isEmpty();
    assertThat(ReportSections.split("The findings: none"))
        .extracting(Section::name)
        .containsExactly("findings");
  }

  @Test
  void sentencesSurviveAbbreviations() {
    List<Sentence> s =
        SentenceSplitter.split(
            "Discussed with Dr. XXXX on XXXX. Mass measures 5.5 cm, e.g. large. Fractures of T8-T10.There is no effusion.\n1. First item. 2. Second item");
    assertThat(s)
        .extracting(Sentence::text)
        .containsExactly(
            "Discussed with Dr. XXXX on XXXX.",
            "Mass measures 5.5 cm, e.g. large.",
            "Fractures of T8-T10.",
            "There is no effusion.",
            "1. First item.",
            "2. Second item");
    assertThat(s).extracting(Sentence::index).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(SentenceSplitter.split("  ")).isEmpty();
  }

  @Test
  void tripletExample() {
    String r = "No focal consolidation in the right lower lobe.";
    List<Triplet> t = TripletExtractor.standard().extract(r);
    assertThat(t).hasSize(1);
    assertThat(t.get(0).anatomy()).isEqualTo("right lower zone");
    assertThat(t.get(0).finding()).isEqualTo("consolidation");
    assertThat(t.get(0).existence()).isEqualTo("absent");
    assertThat(t.get(0).sentence()).isEqualTo(r);
    assertThat(r.substring(t.get(0).span()[0], t.get(0).span()[1])).isEqualTo("consolidation");
  }

  @Test
  void tripletsAnatomyVariants() {
    String r =
        "FINDINGS: Left base atelectasis. Blunting of the right costophrenic angle. "
            + "Possible nodule in the left upper lobe. Cardiac silhouette is enlarged.";
    List<Triplet> t = TripletExtractor.standard().extract(r);
    assertThat(t)
        .extracting(Triplet::anatomy, Triplet::finding, Triplet::existence)
        .contains(
            tuple("left lower zone", "atelectasis", "present"),
            tuple("right costophrenic angle", "blunt", "present"),
            tuple("right costophrenic angle", "pleural effusion", "uncertain"),
            tuple("left upper zone", "nodule", "uncertain"),
            tuple("cardiac silhouette", "cardiomegaly", "present"));
    List<Mention> m = ReportParser.standard().mentions(r);
    assertThat(m).extracting(Mention::sentence).contains(0, 1, 2, 3);
  }

  @Test
  void labelerAggregationAndNoFinding() {
    ChexpertLabeler l = ChexpertLabeler.standard();
    assertThat(
            l.label("No pleural effusion. Small left pleural effusion. Possible pleural effusion."))
        .containsEntry("Pleural Effusion", 1)
        .doesNotContainKey("No Finding");
    assertThat(l.label("Possible effusion. No effusion.")).containsEntry("Pleural Effusion", -1);
    assertThat(l.label("The lungs are clear. No pneumothorax. Heart size is normal."))
        .containsEntry("No Finding", 1)
        .containsEntry("Pneumothorax", 0)
        .containsEntry("Cardiomegaly", 0);
    assertThat(l.label("Endotracheal tube in place. Lungs are clear."))
        .containsEntry("No Finding", 1)
        .containsEntry("Support Devices", 1);
    assertThat(l.label("Possible small pneumothorax."))
        .containsEntry("Pneumothorax", -1)
        .doesNotContainKey("No Finding");
    assertThat(l.label("INDICATION: pneumonia? FINDINGS: lungs are clear."))
        .containsEntry("Pneumonia", 0)
        .containsEntry("No Finding", 1);
    assertThat(ChexpertLabeler.OBSERVATIONS).hasSize(14);
  }

  @Test
  void badInputNeverCrashes() {
    ChexpertLabeler l = ChexpertLabeler.standard();
    assertThat(l.label(null)).isEmpty();
    assertThat(l.label("")).isEmpty();
    assertThat(l.label("   \n ")).isEmpty();
    assertThat(l.label("Cardiomegaly")).containsEntry("Cardiomegaly", 1);
    assertThat(l.label("\uFFFD\uFFFD\u0000 effusion \uD800")).containsEntry("Pleural Effusion", 1);
    String big =
        "No pleural effusion, cardiomegaly, pneumothorax or edema and the lungs look fine "
            .repeat(13_000);
    assertThat(big.length()).isGreaterThan(1_000_000);
    Map<String, Integer> m = l.label(big);
    assertThat(m).containsKey("Pleural Effusion");
    assertThat(TripletExtractor.standard().extract(big)).isNotEmpty();
    assertThat(TripletExtractor.standard().extract(null)).isEmpty();
  }
}
