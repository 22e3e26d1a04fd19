package io.medloom.io.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.medloom.core.source.Source;
import io.medloom.core.source.SourceContext;
import io.medloom.core.source.SourceItem;
import io.medloom.core.source.SourceSpec;
import io.medloom.core.source.Sources;
import io.medloom.testing.BadImages;
import io.medloom.testing.HostileFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted inputs that attacked the build itself (issue: hostile inputs cannot crash or hang a
 * build): each must end as a rejection or a refused source with a reason, never an Error, an
 * endless walk, or a file read from outside the source folder.
 */
class HostileInputsTest {
  @TempDir Path dir;

  private static Source open(String spec, long maxPixels) throws Exception {
    return Sources.open(SourceSpec.parse(spec), new SourceContext(1, maxPixels, 0));
  }

  private static List<SourceItem> items(Source s) throws IOException {
    List<SourceItem> out = new ArrayList<>();
    s.items().forEachRemaining(out::add);
    return out;
  }

  /** path → "ok" or the rejection message. */
  private static Map<String, String> readAll(Source s) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (SourceItem i : items(s)) {
      try {
        s.read(i);
        out.put(i.path(), "ok");
      } catch (Exception e) {
        out.put(i.path(), e.getMessage());
      }
    }
    return out;
  }

  @Test
  void npzBombIsRefusedAtTheReadBudgetBeforeInflating() throws Exception {
    // 256 MB of zeros in a quarter-megabyte file; the budget of 1000 pixels allows 8000 bytes.
    Path bomb = dir.resolve("bomb.npz");
    HostileFiles.npzBomb(bomb, "train_images", new long[] {4096, 256, 256});
    assertThat(Files.size(bomb)).isLessThan(1 << 20);
    long start = System.nanoTime();
    assertThatThrownBy(() -> open("medmnist:" + bomb, 1000))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("train_images.npy")
        .hasMessageContaining("read budget");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void deeplyNestedInfoYamlIsRefusedNotAStackOverflow() throws Exception {
    Files.writeString(dir.resolve("info.yaml"), HostileFiles.nestedFlowYaml(100_000));
    assertThatThrownBy(() -> open("medimeta:" + dir, 1 << 20))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("info.yaml")
        .hasMessageContaining("nested deeper than");
  }

  @Test
  void parentLinksDoNotMakeTheWalkEndlessAndAreReported() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("a"));
    Files.write(root.resolve("a/img.png"), BadImages.goodImage("png", 20, 20, 1));
    HostileFiles.parentLinks(root.resolve("a"));
    for (String kind : List.of("folder", "dicom", "nifti", "seg")) {
      Source s = open(kind + ":" + root, 1 << 20);
      List<SourceItem> found =
          assertTimeoutPreemptively(Duration.ofSeconds(20), () -> items(s), kind);
      assertThat(found).as(kind).hasSizeLessThan(10);
    }
    Map<String, String> read = readAll(open("folder:" + root, 1 << 20));
    assertThat(read).containsEntry("a/img.png", "ok");
    assertThat(read.get("a/up1")).contains("link loop");
    assertThat(read.get("a/up2")).contains("link loop");
  }

  @Test
  void linksLeadingOutOfTheSourceFolderAreRejectedUnlessAllowed() throws Exception {
    Path outside = dir.resolve("elsewhere");
    Files.createDirectories(outside.resolve("cls"));
    Files.write(outside.resolve("secret.png"), BadImages.goodImage("png", 20, 20, 2));
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("a"));
    Files.write(root.resolve("a/img.png"), BadImages.goodImage("png", 20, 20, 1));
    Files.createSymbolicLink(root.resolve("a/leak.png"), outside.resolve("secret.png"));
    Files.createSymbolicLink(root.resolve("a/alias.png"), Path.of("img.png"));
    Files.createSymbolicLink(root.resolve("b"), outside.resolve("cls"));
    Map<String, String> strict = readAll(open("folder:" + root, 1 << 20));
    assertThat(strict).containsEntry("a/img.png", "ok").containsEntry("a/alias.png", "ok");
    assertThat(strict.get("a/leak.png")).contains("outside the source folder");
    assertThat(strict.get("b")).contains("outside the source folder");
    Map<String, String> open = readAll(open("folder:" + root + "?files=anywhere", 1 << 20));
    assertThat(open).containsEntry("a/leak.png", "ok").doesNotContainKey("b");
  }

  @Test
  void csvPathsThatLeaveTheImageFolderAreRejected() throws Exception {
    Files.write(dir.resolve("secret.png"), BadImages.goodImage("png", 20, 20, 3));
    Path sub = dir.resolve("data");
    Files.createDirectories(sub.resolve("img"));
    Files.write(sub.resolve("img/ok.png"), BadImages.goodImage("png", 20, 20, 4));
    Files.write(sub.resolve("img/ok2.png"), BadImages.goodImage("png", 20, 20, 5));
    Files.createSymbolicLink(sub.resolve("img/link.png"), dir.resolve("secret.png"));
    Files.writeString(
        sub.resolve("data.csv"),
        "path,y\nimg/ok.png,a\n../secret.png,a\n"
            + dir.resolve("secret.png")
            + ",b\nimg/../img/ok2.png,b\nimg/link.png,b\n");
    String spec = "csv:" + sub.resolve("data.csv") + "?image=path&tasks=y:multiclass";
    Map<String, String> strict = readAll(open(spec, 1 << 20));
    assertThat(strict).containsEntry("img/ok.png", "ok").containsEntry("img/../img/ok2.png", "ok");
    assertThat(strict.get("../secret.png")).contains("outside the source folder");
    assertThat(strict.get(dir.resolve("secret.png").toString())).contains("absolute path");
    assertThat(strict.get("img/link.png")).contains("outside the source folder");
    Map<String, String> anywhere = readAll(open(spec + "&files=anywhere", 1 << 20));
    assertThat(anywhere.values()).containsOnly("ok");
  }

  @Test
  void niftiHeaderDeclaringGigavoxelsIsRefusedBeforeAllocating() throws Exception {
    // 32767 x 32767 x 2 uint8 in a 2 MB file: the gzip expansion check alone lets it through.
    Files.write(
        dir.resolve("bomb.nii.gz"), HostileFiles.niftiLyingHeaderGz(32767, 32767, 2, 2_100_000));
    Source s = open("nifti:" + dir, SourceContext.DEFAULT_MAX_PIXELS);
    SourceItem item = items(s).get(0);
    assertThatThrownBy(() -> s.read(item))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("32767x32767")
        .hasMessageContaining("--max-pixels");
  }

  @Test
  void niftiHonoursMaxPixels() throws Exception {
    // Two 40x30 slices: 1200 pixels each; as floats 9600 bytes, the byte budget of 1200 pixels.
    Files.write(dir.resolve("small.nii"), HostileFiles.niftiU8(40, 30, 2));
    Source fits = open("nifti:" + dir, 1200);
    assertThat(fits.read(items(fits).get(0))).hasSize(2);
    Source tight = open("nifti:" + dir, 1000);
    SourceItem item = items(tight).get(0);
    assertThatThrownBy(() -> tight.read(item))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("40x30")
        .hasMessageContaining("--max-pixels");
  }

  @Test
  void floatImagesWithoutAFinitePixelAreRejectedAndConstantOnesFlagged() throws Exception {
    Path cls = dir.resolve("a");
    Files.createDirectories(cls);
    float[] nan = new float[12];
    java.util.Arrays.fill(nan, Float.NaN);
    float[] inf = new float[12];
    for (int i = 0; i < inf.length; i++) {
      inf[i] = i % 2 == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
    }
    float[] constant = new float[12];
    java.util.Arrays.fill(constant, 5.5f);
    float[] ramp = new float[12];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = i / 11f;
    }
    ramp[3] = Float.NaN;
    Files.write(cls.resolve("nan.tif"), HostileFiles.floatTiff(4, 3, nan));
    Files.write(cls.resolve("inf.tif"), HostileFiles.floatTiff(4, 3, inf));
    Files.write(cls.resolve("constant.tif"), HostileFiles.floatTiff(4, 3, constant));
    Files.write(cls.resolve("ramp.tif"), HostileFiles.floatTiff(4, 3, ramp));
    Map<String, String> read = readAll(open("folder:" + dir, 1 << 20));
    assertThat(read.get("a/nan.tif")).contains("no finite pixel");
    assertThat(read.get("a/inf.tif")).contains("no finite pixel");
    assertThat(read.get("a/constant.tif")).contains("constant image");
    assertThat(read).containsEntry("a/ramp.tif", "ok");
  }
}
