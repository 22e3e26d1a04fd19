package io.medloom.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportersTest {
  @TempDir static Path tmp;
  static Path dataset;

  @BeforeAll
  static void build() throws Exception {
    dataset = Phantom.build(tmp);
  }

  @Test
  void serviceLoaderFindsEveryFormat() {
    assertThat(Exporters.all())
        .containsOnlyKeys("medimeta", "hf", "coco", "cxr-clip", "llava", "vqa");
    Exporters.all().forEach((k, e) -> assertThat(e.description()).isNotBlank());
  }

  @Test
  void unknownFormatNamesTheKnownOnes() {
    assertThatThrownBy(() -> Exporters.get("tfrecord"))
        .hasMessageContaining("'tfrecord'")
        .hasMessageContaining("medimeta");
  }

  @Test
  void refusesNonEmptyOutput() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("busy"));
    Files.writeString(out.resolve("keep.txt"), "x");
    assertThatThrownBy(() -> Exporters.get("hf").export(dataset, out))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("non-empty")
        .hasMessageContaining("keep.txt");
    assertThat(out.resolve("keep.txt")).hasContent("x");
  }

  @Test
  void exportsIntoAnExistingEmptyDirectoryAndLeavesNoTempDirectory() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("empty"));
    ExportResult r = Exporters.get("cxr-clip").export(dataset, out);
    assertThat(r.samples()).isEqualTo(Phantom.SAMPLES);
    assertThat(r.files()).contains("train.csv", "val.csv", "test.csv");
    assertThat(tmp.resolve(".empty.tmp-export")).doesNotExist();
  }

  @Test
  void aFailedExportLeavesNothingBehind() throws IOException {
    Path notADataset = Files.createDirectories(tmp.resolve("not-a-dataset"));
    Path out = tmp.resolve("never");
    assertThatThrownBy(() -> Exporters.get("coco").export(notADataset, out))
        .hasMessageContaining("not a finished dataset");
    assertThat(out).doesNotExist();
    assertThat(tmp.resolve(".never.tmp-export")).doesNotExist();
  }
}
