package io.medloom.learn.fewshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FewShotChartTest {
  @Test
  void theTitleNamesAModelFolderByItsOwnNameNotItsPath() {
    assertThat(FewShotChart.shortName("/data/runs/clip-tiny")).isEqualTo("clip-tiny");
    assertThat(FewShotChart.shortName("runs/clip-tiny/")).isEqualTo("clip-tiny");
    assertThat(FewShotChart.shortName("C:\\runs\\model")).isEqualTo("model");
    assertThat(FewShotChart.shortName("random:tiny")).isEqualTo("random:tiny");
    assertThat(FewShotChart.shortName("clip")).isEqualTo("clip");
  }
}
