package io.medloom.learn.fewshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.medloom.learn.Preset;
import io.medloom.learn.SmallBuilds;
import io.medloom.learn.fewshot.FewShotReport.Cell;
import io.medloom.learn.fewshot.FewShotReport.Report;
import io.medloom.learn.fewshot.FewShotReport.TaskResult;
import io.medloom.learn.meta.Domains;
import io.medloom.learn.model.Classifier;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.nn.Encoders;
import io.medloom.learn.train.ClassifyTraining;
import io.medloom.learn.train.TrainConfig;
import io.medloom.learn.train.TrainListener;
import io.medloom.store.DatasetReader;
import io.medloom.store.read.SplitScheme;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FewShotTest {
  @TempDir static Path tmp;
  static Path phantom;
  static Path stripes;

  static Path build(String source, String name) throws Exception {
    return SmallBuilds.build(tmp, source, name);
  }

  /**
   * 48 images of 24 patients (two each), class "h" horizontal and "v" vertical stripes with noise:
   * a task any encoder can learn from a few examples.
   */
  static Path stripesCsv(Path dir) throws Exception {
    Files.createDirectories(dir);
    Random rnd = new Random(5);
    StringBuilder csv = new StringBuilder("path,label,patient\n");
    for (int i = 0; i < 48; i++) {
      boolean horizontal = (i / 2) % 2 == 0;
      BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
      int phase = rnd.nextInt(8);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          int t = horizontal ? y : x;
          int v = ((t + phase) / 4) % 2 == 0 ? 200 : 50;
          img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v + rnd.nextInt(60) - 30)));
        }
      }
      ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
      csv.append("img").append(i).append(".png,").append(horizontal ? "h" : "v");
      csv.append(",p").append(i / 2).append('\n');
    }
    Files.writeString(dir.resolve("records.csv"), csv.toString());
    return dir.resolve("records.csv");
  }

  @BeforeAll
  static void datasets() throws Exception {
    phantom = build("phantom:60", "ph");
    Path csv = stripesCsv(tmp.resolve("in"));
    stripes =
        build(
            "csv:" + csv + "?image=path&tasks=label:binary&patient=patient&modality=US", "stripes");
  }

  static FewShot.Config config(Optional<String> holdOut, long seed) {
    return new FewShot.Config(
        "random:tiny",
        List.of(phantom, stripes),
        List.of(1, 3),
        6,
        3,
        seed,
        holdOut,
        2,
        3,
        1e-3,
        1);
  }

  @Test
  void datasetsGetTheirDomainFromSourceAndModality() throws Exception {
    try (DatasetReader r = DatasetReader.open(phantom)) {
      assertThat(Domains.of(r.info())).isEqualTo("synthetic chest x-ray");
    }
    try (DatasetReader r = DatasetReader.open(stripes)) {
      assertThat(Domains.of(r.info())).isEqualTo("ultrasound");
    }
  }

  @Test
  void theSameSeedGivesTheSameNumbersAndEveryMethodIsScored() throws Exception {
    List<String> log = new ArrayList<>();
    Report a = FewShot.run(config(Optional.empty(), 3), log::add);
    Report b = FewShot.run(config(Optional.empty(), 3), m -> {});
    assertThat(a.tasks()).isNotEmpty();
    assertThat(a.tasks()).isEqualTo(b.tasks());
    TaskResult s =
        a.tasks().stream().filter(t -> t.dataset().equals("stripes")).findFirst().orElseThrow();
    assertThat(s.ways()).isEqualTo(2);
    assertThat(s.cells().stream().map(Cell::method).distinct())
        .containsExactly("proto", "probe", "finetune");
    for (Cell c : s.cells()) {
      assertThat(c.accuracy().n()).isEqualTo(c.method().equals("finetune") ? 2 : 6);
      assertThat(c.accuracy().low()).isLessThanOrEqualTo(c.accuracy().mean());
      assertThat(c.accuracy().high()).isGreaterThanOrEqualTo(c.accuracy().mean());
    }
    // Stripes are easy: with 3 shots, prototypes on even a random encoder beat chance clearly.
    Cell proto3 =
        s.cells().stream()
            .filter(c -> c.method().equals("proto") && c.shots() == 3)
            .findFirst()
            .orElseThrow();
    assertThat(proto3.accuracy().mean()).isGreaterThan(0.7);
    Report other = FewShot.run(config(Optional.empty(), 4), m -> {});
    assertThat(other.tasks()).isNotEqualTo(a.tasks());
    assertThat(FewShotReport.table(a)).contains("stripes/label (2-way)").contains("probe-full");
    Path png = tmp.resolve("plot.png");
    FewShotChart.write(a, png);
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(800);
  }

  @Test
  void aHeldOutDomainIsEvaluatedAfterMetaTrainingOnTheOthers() throws Exception {
    Report r = FewShot.run(config(Optional.of("ultrasound"), 3), m -> {});
    assertThat(r.tasks()).extracting(TaskResult::dataset).containsOnly("stripes");
    assertThat(r.metaTraining().datasets()).containsExactly("ph");
    assertThat(r.metaTraining().steps()).isPositive();
    assertThat(r.metaTraining().tasks()).contains("ph/findings", "ph/sex");
    assertThat(r.tasks().get(0).cells().stream().map(Cell::method).distinct())
        .contains("meta-proto", "meta-probe", "meta-finetune")
        .doesNotContain("finetune");
    assertThatThrownBy(() -> FewShot.run(config(Optional.of("dermatology"), 3), m -> {}))
        .hasMessageContaining("dermatology")
        .hasMessageContaining("synthetic chest x-ray");
  }

  @Test
  void aTrainClassifyModelIsAnEncoderWhoseFeaturesGiveItsOwnLogits() throws Exception {
    Path out = tmp.resolve("cls");
    ClassifyTraining.run(
        new TrainConfig(
            phantom,
            "sex",
            Preset.load("tiny").withEpochs(1).withBatch(8),
            SplitScheme.MEDLOOM,
            out,
            7,
            1,
            true),
        TrainListener.NONE);
    assertThat(FewShot.isClassifier(out)).isTrue();
    int s = 64;
    float[] img = new float[3 * s * s];
    Random rnd = new Random(1);
    for (int i = 0; i < img.length; i++) {
      img[i] = (float) rnd.nextGaussian();
    }
    try (FrozenEncoder enc = FrozenEncoder.classifier(new ModelFolder(out));
        Classifier cls = Classifier.load(new ModelFolder(out));
        NDManager m = NDManager.newBaseManager()) {
      float[][] f = enc.features(img, 3);
      float[][] logits = cls.logits(img, 3);
      // The head of the saved classifier, applied to the encoder's features, gives its logits.
      SequentialBlock full =
          (SequentialBlock) Encoders.classifier(cls.info().preset(), cls.spec().outputs());
      full.initialize(m, DataType.FLOAT32, new Shape(1, 1, s, s));
      try (var in =
          new java.io.DataInputStream(Files.newInputStream(new ModelFolder(out).params()))) {
        full.loadParameters(m, in);
      }
      var head = full.getChildren().get(full.getChildren().size() - 1).getValue().getParameters();
      float[] w = head.get("weight").getArray().toFloatArray();
      float[] b = head.get("bias").getArray().toFloatArray();
      for (int r = 0; r < 3; r++) {
        for (int k = 0; k < b.length; k++) {
          double z = b[k];
          for (int j = 0; j < f[r].length; j++) {
            z += w[k * f[r].length + j] * f[r][j];
          }
          assertThat(z).isCloseTo(logits[r][k], org.assertj.core.data.Offset.offset(1e-3));
        }
      }
      // The fine-tuned tail starts on the frozen trunk's outputs: 64 channels of 8x8 for tiny.
      assertThat(enc.trunkShape()).isEqualTo(new Shape(64, 8, 8));
      assertThat(enc.trunk(img, 3)[0]).hasSize(64 * 8 * 8);
    }
    Report r =
        FewShot.run(
            new FewShot.Config(
                out.toString(),
                List.of(stripes),
                List.of(1, 3),
                4,
                3,
                3,
                Optional.empty(),
                2,
                3,
                1e-3,
                1),
            m -> {});
    assertThat(r.model()).isEqualTo(out.toString());
    assertThat(r.tasks().get(0).cells().stream().map(Cell::method).distinct())
        .containsExactly("proto", "probe", "finetune");
  }

  @Test
  void prototypesAndProbeSeparateTwoClusters() {
    float[][] support = {{0, 0}, {0.2f, 0}, {5, 5}, {5.2f, 5}};
    int[] y = {0, 0, 1, 1};
    float[][] query = {{0.1f, 0.1f}, {4.9f, 5.1f}};
    for (double[][] p :
        List.of(Heads.prototypes(support, y, 2, query), Heads.probe(support, y, 2, query))) {
      assertThat(p[0][0]).isGreaterThan(0.5);
      assertThat(p[1][1]).isGreaterThan(0.5);
      assertThat(p[0][0] + p[0][1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
    // A hand computation: distances 1 and 9 (scale 1 after the spread), softmax(-1, -9).
    double[][] p =
        Heads.prototypes(new float[][] {{0}, {2}}, new int[] {0, 1}, 2, new float[][] {{-1}});
    assertThat(p[0][0])
        .isCloseTo(1 / (1 + Math.exp(-8)), org.assertj.core.data.Offset.offset(1e-9));
  }
}
