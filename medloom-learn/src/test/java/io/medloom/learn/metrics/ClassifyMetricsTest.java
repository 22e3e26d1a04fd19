package io.medloom.learn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.TargetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifyMetricsTest {
  @Test
  void multiclassAccuracyBalancedAccuracyF1AndConfusionByHand() {
    TargetSpec spec = TargetSpec.of(Task.of("t", TaskTarget.MULTICLASS, List.of("a", "b", "c")));
    // truth:      a  a  a  b  b  c
    // predicted:  a  a  b  b  c  c   (the logit of the predicted class is largest)
    int[] truth = {0, 0, 0, 1, 1, 2};
    int[] pred = {0, 0, 1, 1, 2, 2};
    float[][] logits = new float[6][3];
    float[][] targets = new float[6][3];
    for (int i = 0; i < 6; i++) {
      logits[i][pred[i]] = 2;
      targets[i][truth[i]] = 1;
    }
    ClassifyReport r =
        ClassifyMetrics.compute(spec, "test", logits, targets, Normalization.UNIT, 200, 1);
    assertThat(r.accuracy()).isEqualTo(4 / 6.0);
    // recalls: a 2/3, b 1/2, c 1/1
    assertThat(r.balancedAccuracy()).isCloseTo((2 / 3.0 + 0.5 + 1) / 3, within(1e-12));
    // F1: a 2*2/(3+2)=0.8, b 2*1/(2+2)=0.5, c 2*1/(1+2)=2/3
    assertThat(r.f1()).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(1e-12));
    assertThat(r.confusion())
        .containsExactly(List.of(2L, 1L, 0L), List.of(0L, 1L, 1L), List.of(0L, 0L, 1L));
    // class c: its one positive (row 6) scores high; of the five negatives, row 5 (predicted c)
    // ties it and four score low: (4 + 0.5) / 5.
    assertThat(r.auroc().get("c")).isCloseTo(4.5 / 5, within(1e-12));
    double[] ci = r.aurocCi95().get("a");
    assertThat(ci[0]).isLessThanOrEqualTo(r.auroc().get("a"));
    assertThat(ci[1]).isGreaterThanOrEqualTo(r.auroc().get("a"));
  }

  @Test
  void binaryTasksUseOneLogitAndReportBothClasses() {
    TargetSpec spec = TargetSpec.of(Task.of("p", TaskTarget.BINARY, List.of("normal", "sick")));
    assertThat(spec.outputs()).isEqualTo(1);
    float[][] logits = {{-2}, {-1}, {0.5f}, {3}};
    float[][] targets = {{0}, {1}, {0}, {1}};
    ClassifyReport r =
        ClassifyMetrics.compute(spec, "test", logits, targets, Normalization.UNIT, 100, 1);
    // sick positives score -1 and 3; negatives -2 and 0.5: 3 of 4 pairs right.
    assertThat(r.auroc()).containsEntry("sick", 0.75).containsEntry("normal", 0.75);
    assertThat(r.macroAuroc()).isEqualTo(0.75);
    assertThat(r.accuracy()).isEqualTo(0.5); // sigmoid >= 0.5: rows 3 and 4 predicted sick
    assertThat(r.confusion()).containsExactly(List.of(1L, 1L), List.of(1L, 1L));
  }

  @Test
  void multilabelDecidesEachClassAtOneHalf() {
    TargetSpec spec = TargetSpec.of(Task.of("f", TaskTarget.MULTILABEL, List.of("x", "y")));
    float[][] logits = {{2, -2}, {-2, 2}, {2, 2}, {-2, -2}};
    float[][] targets = {{1, 0}, {0, 0}, {1, 1}, {0, 1}};
    ClassifyReport r =
        ClassifyMetrics.compute(spec, "test", logits, targets, Normalization.UNIT, 50, 1);
    // x: all 4 right; y: rows 2 and 4 wrong -> 6 of 8 decisions right.
    assertThat(r.accuracy()).isEqualTo(6 / 8.0);
    assertThat(r.confusion()).containsExactly(List.of(2L, 0L, 0L, 2L), List.of(1L, 1L, 1L, 1L));
    assertThat(r.auroc().get("x")).isEqualTo(1.0);
    assertThat(r.auroc().get("y")).isEqualTo(0.5);
  }
}
