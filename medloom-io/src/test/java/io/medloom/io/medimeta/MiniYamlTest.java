package io.medloom.io.medimeta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.testing.HostileFiles;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniYamlTest {
  @Test
  void readsMedimetaStyleFlowMapsUnquotedScalarsAndComments() throws IOException {
    // Shaped like medimeta-dataset-scripts' dataset_info files (PyYAML style).
    String y =
        """
        id: cxr  # comment
        name: Chest X-ray Multi-disease
        summary: "frontal-view X-ray images: 14 \\"thorax\\" diseases"
        tasks:
        - task_name: "disease labels"
          task_target: MULTILABEL_CLASSIFICATION
          labels: {0: Atelectasis, 1: Cardiomegaly,
            2: Effusion}
        - task_name: 'patient''s sex'
          task_target: BINARY_CLASSIFICATION
          labels:
            0: F
            1: M
        input_size: [1,224,224]
        total_num_samples: 112_120
        original_data: [{name: a, url: "https://x.org/a#b"}, {name, title}]
        citation: |
          line one
          line two
        """;
    Map<String, Object> m = MiniYaml.parse(y, "info.yaml");
    assertThat(m.get("id")).isEqualTo("cxr");
    assertThat(m.get("summary")).isEqualTo("frontal-view X-ray images: 14 \"thorax\" diseases");
    assertThat(m.get("input_size")).isEqualTo(List.of("1", "224", "224"));
    assertThat(m.get("total_num_samples")).isEqualTo("112_120");
    assertThat(m.get("citation")).isEqualTo("line one\nline two");
    List<?> tasks = (List<?>) m.get("tasks");
    assertThat(tasks).hasSize(2);
    Map<?, ?> t0 = (Map<?, ?>) tasks.get(0);
    assertThat(t0.get("labels"))
        .isEqualTo(Map.of("0", "Atelectasis", "1", "Cardiomegaly", "2", "Effusion"));
    Map<?, ?> t1 = (Map<?, ?>) tasks.get(1);
    assertThat(t1.get("task_name")).isEqualTo("patient's sex");
    assertThat(t1.get("labels")).isEqualTo(Map.of("0", "F", "1", "M"));
    List<?> data = (List<?>) m.get("original_data");
    assertThat(((Map<?, ?>) data.get(0)).get("url")).isEqualTo("https://x.org/a#b");
    assertThat(List.copyOf(((Map<?, ?>) data.get(1)).keySet())).isEqualTo(List.of("name", "title"));
  }

  @Test
  void readsTheIndentedListsOurExporterWrites() throws IOException {
    String y =
        "tasks:\n  - task_name: \"a\\tb\"\n    task_target: REGRESSION\n    labels: {}\n"
            + "medloom:\n  version: \"0.1\"\n";
    Map<String, Object> m = MiniYaml.parse(y, "info.yaml");
    Map<?, ?> t = (Map<?, ?>) ((List<?>) m.get("tasks")).get(0);
    assertThat(t.get("task_name")).isEqualTo("a\tb");
    assertThat(t.get("labels")).isEqualTo(Map.of());
    assertThat(((Map<?, ?>) m.get("medloom")).get("version")).isEqualTo("0.1");
  }

  @Test
  void refusesWhatItCannotReadWithTheLine() {
    assertThatThrownBy(() -> MiniYaml.parse("a: 1\n  b: 2\n", "f.yaml"))
        .hasMessageContaining("f.yaml line 2");
    assertThatThrownBy(() -> MiniYaml.parse("a: [1, 2\n", "f.yaml"))
        .hasMessageContaining("expected ',' or ']'");
    assertThatThrownBy(() -> MiniYaml.parse("a: 1\na: 2\n", "f.yaml"))
        .hasMessageContaining("duplicate key 'a'");
    assertThatThrownBy(() -> MiniYaml.parse("a: \"open\n", "f.yaml"))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> MiniYaml.parse("a: *ref\n", "f.yaml")).hasMessageContaining("aliases");
    // Found by fuzzing: a signed or out-of-range hex escape is a bad escape, not a crash.
    for (String escape : List.of("\\x-a", "\\x+a", "\\UFFFFFFF6", "\\u12", "\\x")) {
      assertThatThrownBy(() -> MiniYaml.parse("a: \"_" + escape + "y\"\n", "f.yaml"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("escape");
    }
    assertThatThrownBy(() -> MiniYaml.parse("\tb: 1\n", "f.yaml")).hasMessageContaining("tab");
  }

  @Test
  void nestingIsBoundedInFlowAndBlockForm() throws IOException {
    // Real info.yaml files nest three or four levels; 64 is far beyond them and far below a stack.
    for (String hostile :
        List.of(
            HostileFiles.nestedFlowYaml(100_000),
            "a: " + "{k: ".repeat(5_000) + "\n",
            HostileFiles.nestedBlockYaml(200))) {
      assertThatThrownBy(() -> MiniYaml.parse(hostile, "info.yaml"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("info.yaml")
          .hasMessageContaining("nested deeper than 64");
    }
    assertThat(MiniYaml.parse("a: " + "[".repeat(60) + "]".repeat(60) + "\n", "f.yaml"))
        .containsKey("a");
    assertThat(MiniYaml.parse(HostileFiles.nestedBlockYaml(40), "f.yaml")).containsKey("k0");
  }

  @Test
  void oversizedInfoFilesAreRefusedUnparsed() {
    String big = "id: x\nname: \"" + "y".repeat(MiniYaml.MAX_CHARS) + "\"\n";
    assertThatThrownBy(() -> MiniYaml.parse(big, "info.yaml"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger than");
  }
}
