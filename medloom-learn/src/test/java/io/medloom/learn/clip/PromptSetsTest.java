package io.medloom.learn.clip;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromptSetsTest {
  private static List<Text> report(String s) {
    return List.of(new Text("report.findings", s, "test", Optional.empty()));
  }

  private static Triplet t(String finding, String existence, String sentence) {
    return new Triplet("", finding, existence, sentence);
  }

  @Test
  void reportSentencesByExistenceMostFrequentFirstAmbiguousDropped() {
    PromptSets.Corpus c = new PromptSets.Corpus();
    c.add(report("a"), List.of(t("cardiomegaly", "present", "Cardiomegaly.")));
    c.add(report("b"), List.of(t("cardiomegaly", "present", "The heart is enlarged.")));
    c.add(report("c"), List.of(t("cardiomegaly", "present", "The heart is enlarged.")));
    c.add(report("d"), List.of(t("cardiomegaly", "absent", "Heart size is normal.")));
    c.add(report("e"), List.of(t("cardiomegaly", "uncertain", "Possible mild cardiomegaly.")));
    // Read both ways (two reports, two readings): neither side may use it.
    c.add(report("f"), List.of(t("cardiomegaly", "present", "Heart size?")));
    c.add(report("g"), List.of(t("cardiomegaly", "absent", "Heart size?")));
    c.add(report("h"), List.of(t("pleural effusion", "present", "Small left pleural effusion.")));

    PromptSets.ClassSet cm = c.sentences("Cardiomegaly");
    assertThat(cm.positive()).containsExactly("The heart is enlarged.", "Cardiomegaly.");
    assertThat(cm.negative()).containsExactly("Heart size is normal.");
    assertThat(cm.source()).isEqualTo("reports");
    // A class without a denying sentence has no report prompt set (it keeps the template).
    assertThat(c.sentences("pleural effusion")).isNull();
    assertThat(c.reports).isEqualTo(8);
  }

  @Test
  void samplesWithoutReportOrCaptionCountAsComposed() {
    PromptSets.Corpus c = new PromptSets.Corpus();
    c.add(List.of(), List.of());
    c.add(report("x"), List.of());
    // A generated description alone (MedMNIST's "Chest radiograph. ...") is not a report: the
    // training texts of such samples are composed from their labels.
    c.add(
        List.of(new Text("desc.full", "Chest radiograph.", "generated", Optional.empty())),
        List.of());
    assertThat(c.composed).isEqualTo(2);
    assertThat(c.reports).isEqualTo(1);
  }

  @Test
  void sourceNamesParse() {
    assertThat(PromptSets.Source.parse("template")).isEqualTo(PromptSets.Source.TEMPLATE);
    assertThat(PromptSets.Source.parse("DATASET")).isEqualTo(PromptSets.Source.DATASET);
  }
}
