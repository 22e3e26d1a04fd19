package io.medloom.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.image.Raster;
import io.medloom.core.model.Identity;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Split;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAndDeidentifyTest {
  private static Sample sample(String id, String patient, String study) {
    return Sample.read(
        id,
        "test:x",
        id,
        new Identity(patient, study),
        "CR",
        "CHEST",
        "PA",
        new Raster(2, 2, 1, new byte[4]));
  }

  @Test
  void splitDependsOnlyOnThePatientAndTheSeed() {
    SplitStage s = new SplitStage(7, 0.1, 0.2);
    for (int p = 0; p < 200; p++) {
      Split a = s.apply(sample("a" + p, "P" + p, "S1")).split().orElseThrow();
      Split b = s.apply(sample("b" + p, "P" + p, "S2")).split().orElseThrow();
      assertThat(a).isEqualTo(b);
      assertThat(new SplitStage(7, 0.1, 0.2).splitOf("test:x", "P" + p)).isEqualTo(a);
    }
  }

  @Test
  void movingTheSourceFolderKeepsEverySplit() {
    SplitStage s = new SplitStage(7, 0.2, 0.3);
    int drawnDifferently = 0;
    for (int p = 0; p < 200; p++) {
      Split here = s.splitOf("seg:/data/busi", "benign/case (" + p + ").png");
      assertThat(s.splitOf("seg:/mnt/other/copy of busi", "benign/case (" + p + ").png"))
          .isEqualTo(here);
      if (s.splitOf("folder:/data/busi", "benign/case (" + p + ").png") != here) {
        drawnDifferently++; // another kind of source is another draw
      }
    }
    assertThat(drawnDifferently).isGreaterThan(40);
  }

  @Test
  void ratiosAreMetOnManyPatients() {
    SplitStage s = new SplitStage(3, 0.1, 0.2);
    Map<Split, Integer> n = new EnumMap<>(Split.class);
    for (int p = 0; p < 20_000; p++) {
      n.merge(s.splitOf("src", "patient-" + p), 1, Integer::sum);
    }
    assertThat(n.get(Split.TEST) / 20_000.0).isBetween(0.19, 0.21);
    assertThat(n.get(Split.VAL) / 20_000.0).isBetween(0.09, 0.11);
  }

  @Test
  void otherSeedsGiveOtherSplits() {
    int differ = 0;
    for (int p = 0; p < 100; p++) {
      if (new SplitStage(1, 0.3, 0.3).splitOf("s", "P" + p)
          != new SplitStage(2, 0.3, 0.3).splitOf("s", "P" + p)) {
        differ++;
      }
    }
    assertThat(differ).isGreaterThan(30);
  }

  @Test
  void deidentificationKeysPatientsWithoutRevealingThem() {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes();
    DeidentifyStage d = new DeidentifyStage(secret);
    Sample a = d.apply(sample("a", "MRN-4711", "ACC-1"));
    Sample b = d.apply(sample("b", "MRN-4711", "ACC-2"));
    Sample other =
        new DeidentifyStage("another-secret-of-16+".getBytes())
            .apply(sample("a", "MRN-4711", "ACC-1"));
    assertThat(a.identity()).isEmpty();
    assertThat(a.patientKey()).matches("[0-9a-f]{32}").doesNotContain("4711");
    assertThat(a.patientKey()).isEqualTo(b.patientKey());
    assertThat(a.studyKey()).isNotEqualTo(b.studyKey());
    assertThat(other.patientKey()).isNotEqualTo(a.patientKey());
    assertThatThrownBy(() -> d.apply(a)).hasMessageContaining("no identity");
  }

  @Test
  void pipelineTurnsAFailingStageIntoARejectionNamingIt() {
    Pipeline p =
        new Pipeline(
            java.util.List.of(
                new SplitStage(1, 0.1, 0.1).asStage(),
                Stage.of(
                    "explode",
                    s -> {
                      throw new IllegalStateException("bad pixel data");
                    })));
    var outcome = p.run(4, "test:x", "a.png", java.util.List.of(sample("a", "P", "S")));
    assertThat(outcome.isRejected()).isTrue();
    assertThat(outcome.rejection().orElseThrow().stage()).isEqualTo("explode");
    assertThat(outcome.rejection().orElseThrow().reason()).contains("bad pixel data");
  }
}
