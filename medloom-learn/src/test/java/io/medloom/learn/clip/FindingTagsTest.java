package io.medloom.learn.clip;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.model.Triplet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingTagsTest {
  @Test
  void presentTripletsSetTheirTagsAndAbsentOrUncertainOnesDoNot() {
    float[] t =
        FindingTags.of(
            List.of(
                new Triplet("left lung", "pleural effusion", "present", "Left pleural effusion."),
                new Triplet("", "pneumothorax", "absent", "No pneumothorax."),
                new Triplet("", "pneumonia", "uncertain", "Possible pneumonia."),
                new Triplet("", "support devices", "present", "Support devices.")),
            List.of(),
            List.of());
    assertThat(FindingTags.TAGS).hasSize(40);
    assertThat(t[FindingTags.TAGS.indexOf("pleural effusion")]).isEqualTo(1f);
    assertThat(t[FindingTags.TAGS.indexOf("device")]).isEqualTo(1f);
    assertThat(t[FindingTags.TAGS.indexOf("pneumothorax")]).isZero();
    assertThat(t[FindingTags.TAGS.indexOf("pneumonia")]).isZero();
    float sum = 0;
    for (float v : t) {
      sum += v;
    }
    assertThat(sum).isEqualTo(2f);
  }

  @Test
  void labelOnlySamplesTakeTagsFromTheirPositiveClassNames() {
    Task task =
        Task.of("finding", TaskTarget.MULTILABEL, List.of("Pneumonia", "Cardiomegaly", "X"));
    Label l = Label.multi(task, List.of("Pneumonia", "X"));
    float[] t = FindingTags.of(List.of(), List.of(l), List.of(task));
    assertThat(t[FindingTags.TAGS.indexOf("pneumonia")]).isEqualTo(1f);
    assertThat(t[FindingTags.TAGS.indexOf("cardiomegaly")]).isZero();
    // The prompt generator's input: positives 1, the task's other classes 0.
    assertThat(ClipData.labelPrompt(List.of(l), List.of(task)))
        .isEqualTo(Map.of("Pneumonia", 1, "Cardiomegaly", 0, "X", 1));
  }
}
