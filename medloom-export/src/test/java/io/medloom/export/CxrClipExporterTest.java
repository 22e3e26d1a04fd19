package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.store.DatasetReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CxrClipExporterTest {
  @TempDir static Path tmp;
  static Path dataset;
  static Path out;
  static ExportResult result;

  @BeforeAll
  static void export() throws Exception {
    dataset = Phantom.build(tmp);
    out = tmp.resolve("cxr");
    result = new CxrClipExporter().export(dataset, out);
  }

  @Test
  void oneRowPerStudyWithPythonListCells() throws Exception {
    long studies;
    try (DatasetReader r = DatasetReader.open(dataset)) {
      studies = r.count("SELECT count(DISTINCT split || coalesce(study_key, id)) FROM samples");
    }
    long rows = 0;
    long images = 0;
    for (String split : List.of("train", "val", "test")) {
      List<List<String>> table = parseCsv(Files.readString(out.resolve(split + ".csv")));
      assertThat(table.get(0)).isEqualTo(CxrClipExporter.HEADER);
      for (List<String> row : table.subList(1, table.size())) {
        assertThat(row).hasSize(CxrClipExporter.HEADER.size());
        assertThat(row.get(0)).startsWith("['images/" + split + "/").endsWith(".png']");
        assertThat(row.get(1)).contains("'PA'"); // every phantom study has a PA view
        assertThat(row.get(5)).startsWith("['").endsWith("']"); // [findings, impression]
        assertThat(row.get(6)).isEqualTo(row.get(5));
        // text_label is [[positive], [negative], [uncertain]]
        assertThat(row.get(7)).matches("\\[\\[.*\\], \\[.*\\], \\[\\]\\]");
        assertThat(row.get(8)).matches("\\[[01](, [01])*\\]");
      }
      rows += table.size() - 1;
      try (var files = Files.list(out.resolve("images/" + split))) {
        images += files.count();
      }
    }
    assertThat(rows).isEqualTo(studies);
    assertThat(images).isEqualTo(Phantom.SAMPLES).isEqualTo(result.samples());
  }

  /** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new java.util.ArrayList<>();
    List<String> row = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new java.util.ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  @Test
  void textIsFindingsThenImpression() {
    List<Rows.Text> texts =
        List.of(
            new Rows.Text("report.impression", "Small effusion.", "phantom", null),
            new Rows.Text("report.findings", "Blunted angle.", "phantom", null));
    assertThat(CxrClipExporter.sections(texts))
        .containsExactly("Blunted angle.", "Small effusion.");
    assertThat(
            CxrClipExporter.sections(List.of(new Rows.Text("caption", "A chest film.", "x", null))))
        .containsExactly("A chest film.");
    assertThat(CxrClipExporter.sections(List.of())).isEmpty();
  }
}
