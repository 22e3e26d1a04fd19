package io.medloom.io.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.model.Sample;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.testing.BadImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
  @TempDir Path dir;

  private Source open(Path root) throws Exception {
    return Sources.open(
        SourceSpec.parse("folder:" + root + "?modality=us"), SourceContext.withSeed(1));
  }

  @Test
  void classSubfoldersBecomeOneTaskAndListingOrderIsFixed() throws Exception {
    for (String c : List.of("malignant", "benign", "normal")) {
      Files.createDirectories(dir.resolve(c));
      for (int i = 3; i >= 1; i--) {
        Files.write(
            dir.resolve(c).resolve("img" + i + ".png"), BadImages.goodImage("png", 20, 20, i));
      }
    }
    Source s = open(dir);
    assertThat(s.tasks()).hasSize(1);
    assertThat(s.tasks().get(0).target()).isEqualTo(TaskTarget.MULTICLASS);
    assertThat(s.tasks().get(0).classes().values())
        .containsExactly("benign", "malignant", "normal");
    List<SourceItem> items = new ArrayList<>();
    s.items().forEachRemaining(items::add);
    assertThat(items)
        .extracting(SourceItem::path)
        .containsExactly(
            "benign/img1.png",
            "benign/img2.png",
            "benign/img3.png",
            "malignant/img1.png",
            "malignant/img2.png",
            "malignant/img3.png",
            "normal/img1.png",
            "normal/img2.png",
            "normal/img3.png");
    assertThat(items)
        .extracting(SourceItem::ordinal)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    Sample first = s.read(items.get(4)).get(0);
    assertThat(first.labels().get(0).name()).isEqualTo("malignant");
    assertThat(first.modality()).isEqualTo("US");
    assertThat(first.identity()).isPresent();
  }

  @Test
  void unusableEntriesAreListedWithTheirProblem() throws Exception {
    BadImages.writeBadSet(dir, dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Source s = open(dir);
    List<SourceItem> items = new ArrayList<>();
    s.items().forEachRemaining(items::add);
    SourceItem dangling =
        items.stream().filter(i -> i.path().endsWith("dangling.png")).findFirst().orElseThrow();
    assertThat(dangling.problem())
        .hasValueSatisfying(p -> assertThat(p).contains("broken symbolic link"));
    SourceItem stray =
        items.stream().filter(i -> i.path().equals("stray.png")).findFirst().orElseThrow();
    assertThatThrownBy(() -> s.read(stray)).hasMessageContaining("not inside a class folder");
  }

  @Test
  void aFolderWithoutClassesIsRefusedUpFront() {
    assertThatThrownBy(() -> open(dir)).hasMessageContaining("no class subfolders");
  }
}
