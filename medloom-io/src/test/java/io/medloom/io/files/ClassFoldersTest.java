package io.medloom.io.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.model.Sample;
import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.testing.BadImages;
import io.medloom.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A class task with one class is almost always a wrong path: recognised or warned about. */
class ClassFoldersTest {
  private static final Logger LOG = Logger.getLogger(ClassFolders.class.getName());
  private final List<String> warnings = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @TempDir Path tmp;

  @BeforeEach
  void listen() {
    LOG.addHandler(capture);
  }

  @AfterEach
  void stop() {
    LOG.removeHandler(capture);
  }

  private static Source open(String spec) throws Exception {
    return Sources.open(SourceSpec.parse(spec), SourceContext.withSeed(1));
  }

  private static List<SourceItem> items(Source s) throws Exception {
    List<SourceItem> out = new ArrayList<>();
    s.items().forEachRemaining(out::add);
    return out;
  }

  /**
   * BUSI as published unpacks to Dataset_BUSI_with_GT/benign|malignant|normal; a source pointed one
   * folder above it used to make every sample the class "Dataset_BUSI_with_GT".
   */
  @ParameterizedTest
  @ValueSource(strings = {"seg", "folder"})
  void thePublishedBusiLayoutIsRecognisedOneFolderAbove(String kind) throws Exception {
    Path busi = SharedData.require("busi");
    Path classes = busi.resolve("Dataset_BUSI_with_GT");
    Source above = open(kind + ":" + busi);
    assertThat(above.tasks().get(0).classes().values())
        .containsExactly("benign", "malignant", "normal");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("reading the classes benign, malignant, normal from " + classes)
        .contains("give " + kind + ":" + classes);

    List<SourceItem> items = items(above);
    assertThat(items).allSatisfy(i -> assertThat(i.path()).matches("(benign|malignant|normal)/.*"));
    Sample first = above.read(items.get(0)).get(0);
    assertThat(first.labels().get(0).name()).isEqualTo("benign");
    // The same samples, with the same ids, as a source given the right folder.
    Source right = open(kind + ":" + classes);
    assertThat(items(right)).isEqualTo(items);
    assertThat(right.read(items.get(0)).get(0).id()).isEqualTo(first.id());
  }

  @Test
  void aSingleClassFolderWithImagesIsKeptButNamesTheLikelyFix() throws Exception {
    Path only = Files.createDirectories(tmp.resolve("only"));
    Files.write(only.resolve("a.png"), BadImages.goodImage("png", 16, 16, 1));
    Source s = open("folder:" + tmp);
    assertThat(s.tasks().get(0).classes().values()).containsExactly("only");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("has one class folder, 'only'", "every sample gets the same label")
        .contains("give folder:" + only);
  }

  @Test
  void aWrapperThatHoldsImagesItselfIsNotDescended() throws Exception {
    Path w = Files.createDirectories(tmp.resolve("w"));
    Files.createDirectories(w.resolve("a"));
    Files.createDirectories(w.resolve("b"));
    Files.write(w.resolve("x.png"), BadImages.goodImage("png", 16, 16, 1));
    Source s = open("seg:" + tmp);
    assertThat(s.tasks().get(0).classes().values()).containsExactly("w");
    assertThat(warnings).singleElement().asString().contains("has one class folder, 'w'");
  }

  @Test
  void twoClassesNeedNoWarning() throws Exception {
    Files.createDirectories(tmp.resolve("a"));
    Files.createDirectories(tmp.resolve("b"));
    Source s = open("folder:" + tmp);
    assertThat(s.tasks().get(0).classes().values()).containsExactly("a", "b");
    assertThat(warnings).isEmpty();
  }
}
