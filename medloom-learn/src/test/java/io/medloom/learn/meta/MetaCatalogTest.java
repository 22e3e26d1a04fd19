package io.medloom.learn.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.learn.SmallBuilds;
import io.medloom.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaCatalogTest {
  @TempDir Path tmp;

  static Path build(Path tmp, String source, String name) throws Exception {
    return SmallBuilds.build(tmp, source, name);
  }

  /**
   * Twelve noise images of six patients with a source split; img11 is a byte copy of img0, img10 a
   * near copy of img2 (the same pixels, each moved by at most two gray levels).
   */
  static Path csvWithPlantedLeak(Path dir) throws Exception {
    Files.createDirectories(dir);
    Random rnd = new Random(3);
    StringBuilder csv = new StringBuilder("path,label,patient,split\n");
    String[] splits = {"train", "train", "train", "val", "test", "test"};
    for (int i = 0; i < 12; i++) {
      Path png = dir.resolve("img" + i + ".png");
      if (i == 11) {
        Files.copy(dir.resolve("img0.png"), png);
      } else if (i == 10) {
        BufferedImage img = ImageIO.read(dir.resolve("img2.png").toFile());
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            int v = img.getRaster().getSample(x, y, 0) + rnd.nextInt(5) - 2;
            img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
          }
        }
        ImageIO.write(img, "png", png.toFile());
      } else {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            int v = (x * 7 + y * (i + 1) * 3 + rnd.nextInt(40)) & 0xff;
            img.getRaster().setSample(x, y, 0, v);
          }
        }
        ImageIO.write(img, "png", png.toFile());
      }
      int patient = i / 2;
      csv.append("img").append(i).append(".png,").append(i % 2 == 0 ? "a" : "b");
      csv.append(",p").append(patient).append(',').append(splits[patient]).append('\n');
    }
    Files.writeString(dir.resolve("records.csv"), csv.toString());
    return dir.resolve("records.csv");
  }

  @Test
  void listsTasksWithCountsAndFindsAPlantedCrossSplitCopy() throws Exception {
    Path csv = csvWithPlantedLeak(tmp.resolve("in"));
    Path ds =
        build(
            tmp,
            "csv:" + csv + "?image=path&tasks=label:binary&patient=patient&split=split",
            "planted");
    Path phantom = build(tmp, "phantom:12", "ph");

    MetaCatalog.Catalog c = MetaCatalog.read(List.of(ds, phantom));

    MetaCatalog.Entry planted = c.entries().get(0);
    assertThat(planted.dataset()).isEqualTo("planted");
    assertThat(planted.task()).isEqualTo("label");
    assertThat(planted.type()).isEqualTo("binary");
    assertThat(planted.classes()).hasSize(2);
    assertThat(planted.originalCounts()).containsEntry("train", 6L).containsEntry("val", 2L);
    assertThat(planted.originalCounts()).containsEntry("test", 4L);
    assertThat(planted.counts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
    assertThat(c.entries()).anyMatch(e -> e.dataset().equals("ph"));

    MetaCatalog.Leakage leak = c.leakage().get(0);
    // img0 (patient p0, train) and img11 (patient p5, test) are one image.
    assertThat(leak.groups()).isEqualTo(1);
    assertThat(leak.samples()).isEqualTo(2);
    assertThat(leak.byPair()).containsOnlyKeys("test/train");
    // img2 (patient p1, train) and img10 (patient p5, test) differ by noise only.
    assertThat(leak.nearPairs()).isEqualTo(1);
    assertThat(leak.nearByPair()).containsOnlyKeys("test/train");
    assertThat(c.leakage().get(1).rowsWithOriginalSplit()).isZero();

    String table = MetaCatalog.format(c);
    assertThat(table).contains("planted").contains("ph").contains("1 images (2 rows)");
    assertThat(table).contains("1 pairs of near duplicates cross them");
    assertThat(table).contains("synthetic chest x-ray");
  }

  @Test
  void pneumoniaMnistHasExactCopiesAcrossItsPublishedSplits() throws Exception {
    Path npz = SharedData.require("medmnist").resolve("pneumoniamnist.npz");
    Path ds = build(tmp, "medmnist:" + npz, "pmn");
    MetaCatalog.Catalog c = MetaCatalog.read(List.of(ds));
    MetaCatalog.Entry e = c.entries().get(0);
    assertThat(e.originalCounts())
        .containsEntry("train", 2428L)
        .containsEntry("val", 270L)
        .containsEntry("test", 468L);
    MetaCatalog.Leakage leak = c.leakage().get(0);
    assertThat(leak.groups()).isPositive();
    assertThat(leak.byPair()).containsKey("train/val");
    System.out.println(MetaCatalog.format(c));
  }
}
