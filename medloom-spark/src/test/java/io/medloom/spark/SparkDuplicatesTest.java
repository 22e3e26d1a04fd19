package io.medloom.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.store.Duplicates;
import io.medloom.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The duplicate pass as Spark stages finds what the one-process pass finds: the same exact groups,
 * near pairs, linked patients and moves, on films with planted copies and on BUSI's own near
 * duplicates.
 */
class SparkDuplicatesTest {
  @TempDir Path tmp;
  private static JavaSparkContext jsc;

  @BeforeAll
  static void startSpark() {
    System.setProperty("log4j2.configurationFile", "classpath:medloom-spark-log4j2.properties");
    jsc =
        new JavaSparkContext(
            new SparkConf()
                .setAppName("duplicates test")
                .setMaster("local[2]")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1"));
  }

  @AfterAll
  static void stopSpark() {
    jsc.close();
  }

  @Test
  void plantedExactAndNearCopiesGiveTheSameReportOnBothPasses() throws Exception {
    Path root = tmp.resolve("films");
    Random rnd = new Random(7);
    for (String cls : List.of("a", "b")) {
      Files.createDirectories(root.resolve(cls));
    }
    for (int i = 0; i < 24; i++) {
      BufferedImage img = blobs(rnd);
      String cls = i % 2 == 0 ? "a" : "b";
      ImageIO.write(img, "png", root.resolve(cls + "/film" + i + ".png").toFile());
      if (i % 6 == 0) { // an exact copy under another name (another patient), in the other class
        ImageIO.write(
            img, "png", root.resolve((i % 4 == 0 ? "b" : "a") + "/copy" + i + ".png").toFile());
      }
      if (i % 6 == 3) { // a near copy: faint noise
        ImageIO.write(noisy(img, rnd), "png", root.resolve(cls + "/near" + i + ".png").toFile());
      }
    }
    Path samples = build("folder:" + root, tmp.resolve("planted"), 8);
    Duplicates.Report local = Duplicates.find(samples);
    Duplicates.Report spark = new SparkDuplicates(jsc).find(samples);
    assertThat(local.exactGroups()).isEqualTo(4);
    assertThat(local.nearPairs()).isGreaterThanOrEqualTo(4);
    assertThat(spark).isEqualTo(local);
  }

  @Test
  void busiNearDuplicatesAreFoundAlikeOnBothPasses() throws Exception {
    Path busi = SharedData.require("busi/Dataset_BUSI_with_GT");
    Path samples = build("seg:" + busi, tmp.resolve("busi"), 24);
    Duplicates.Report local = Duplicates.find(samples);
    Duplicates.Report spark = new SparkDuplicates(jsc).find(samples);
    assertThat(local.nearPairs()).isPositive();
    assertThat(spark).isEqualTo(local);
    assertThat(Duplicates.find(samples, 0)).isEqualTo(local);
  }

  /**
   * Look-alike films, as in MedMNIST blends: one base film under faint overlays of others, so most
   * pairs are close in the hash and the local pass must rule them out on its thumbnail sketches
   * (and find the few real near copies) exactly as Spark's all-candidates confirmation does.
   */
  @Test
  void lookAlikeFilmsGiveTheSameReportOnBothPasses() throws Exception {
    Path root = tmp.resolve("alike");
    Random rnd = new Random(11);
    Files.createDirectories(root.resolve("a"));
    BufferedImage base = blobs(rnd);
    for (int i = 0; i < 40; i++) {
      BufferedImage img = blend(base, blobs(rnd), 0.05 + 0.1 * rnd.nextDouble());
      ImageIO.write(img, "png", root.resolve("a/film" + i + ".png").toFile());
      if (i % 8 == 0) {
        ImageIO.write(noisy(img, rnd), "png", root.resolve("a/near" + i + ".png").toFile());
      }
    }
    Path samples = build("folder:" + root, tmp.resolve("alike-out"), 8);
    Duplicates.Report local = Duplicates.find(samples);
    Duplicates.Report spark = new SparkDuplicates(jsc).find(samples);
    assertThat(local.nearPairs()).isGreaterThanOrEqualTo(5);
    assertThat(spark).isEqualTo(local);
    // The same report when every hash-close pair goes through the thumbnail sketches first.
    assertThat(Duplicates.find(samples, 0)).isEqualTo(local);
  }

  private static BufferedImage blend(BufferedImage a, BufferedImage b, double w) {
    int n = a.getWidth();
    BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double v =
            (1 - w) * a.getRaster().getSample(x, y, 0) + w * b.getRaster().getSample(x, y, 0);
        img.getRaster().setSample(x, y, 0, (int) Math.round(v));
      }
    }
    return img;
  }

  private Path build(String source, Path out, int shard) throws Exception {
    BuildConfig cfg =
        new BuildConfig(
            List.of(SourceSpec.parse(source)),
            out,
            64,
            2,
            0.2,
            0.2,
            2,
            shard,
            1L << 28,
            Optional.of("spark-duplicates-test-key-012345".getBytes()),
            "dups");
    LocalBuild.run(cfg, Progress.NONE);
    return out.resolve("samples");
  }

  /** A gray film of a few soft blobs: structure the perceptual hash can see. */
  private static BufferedImage blobs(Random rnd) {
    int n = 96;
    BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
    double[][] c = new double[5][3];
    for (double[] b : c) {
      b[0] = rnd.nextDouble() * n;
      b[1] = rnd.nextDouble() * n;
      b[2] = 8 + rnd.nextDouble() * 20;
    }
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double v = 30;
        for (double[] b : c) {
          double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]);
          v += 180 * Math.exp(-d2 / (2 * b[2] * b[2]));
        }
        img.getRaster().setSample(x, y, 0, (int) Math.min(255, v));
      }
    }
    return img;
  }

  private static BufferedImage noisy(BufferedImage src, Random rnd) {
    int n = src.getWidth();
    BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int v = src.getRaster().getSample(x, y, 0) + rnd.nextInt(5) - 2;
        img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
      }
    }
    return img;
  }
}
