package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.image.PngEncoder;
import io.medloom.core.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnCommandsTest {
  @TempDir static Path tmp;
  static Path ds;

  @BeforeAll
  static void build() {
    ds = tmp.resolve("ds");
    Cli b =
        Cli.run(
            "build",
            "--source",
            "phantom:80",
            "--out",
            ds.toString(),
            "--size",
            "48",
            "--seed",
            "2");
    assertThat(b.exitCode()).as(b.out()).isZero();
  }

  @Test
  void clipWithNegationMarksTrainsAndZeroShotSplitsByViewFromTheCommandLine() throws Exception {
    Path model = tmp.resolve("clip-neg");
    Cli bad =
        Cli.run("train", "clip", ds.toString(), "--text-marks", "negex", "--out", model.toString());
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("text marks must be 'none' or 'negation'");
    Cli train =
        Cli.run(
            "train",
            "clip",
            ds.toString(),
            "--preset",
            "tiny",
            "--image-size",
            "32",
            "--epochs",
            "1",
            "--batch",
            "8",
            "--max-tokens",
            "24",
            "--vocabulary",
            "300",
            "--text-marks",
            "negation",
            "--out",
            model.toString());
    assertThat(train.exitCode()).as(train.out()).isZero();
    JsonNode info = new ObjectMapper().readTree(model.resolve("model.json").toFile());
    assertThat(info.path("text_marks").asText()).isEqualTo("negation");
    Cli zs = Cli.run("eval", "zeroshot", model.toString(), ds.toString(), "--task", "findings");
    assertThat(zs.exitCode()).as(zs.out()).isZero();
    assertThat(zs.out()).contains("AUROC by view/text/tags", "LATERAL", "frontal");
    JsonNode r = new ObjectMapper().readTree(model.resolve("eval/zeroshot.json").toFile());
    assertThat(r.path("auroc_by_view").has("PA")).isTrue();
    assertThat(
            r.path("view_samples").path("PA").asInt()
                + r.path("view_samples").path("LATERAL").asInt())
        .isEqualTo(r.path("samples").asInt());
    assertThat(r.path("text_auroc").has("pleural effusion")).isTrue();
  }

  @Test
  void trainEvalAndPredictFromTheCommandLine() throws Exception {
    Path model = tmp.resolve("model");
    Cli train =
        Cli.run(
            "train",
            "classify",
            ds.toString(),
            "--task",
            "sex",
            "--preset",
            "tiny",
            "--epochs",
            "2",
            "--batch",
            "8",
            "--out",
            model.toString());
    assertThat(train.exitCode()).as(train.out()).isZero();
    assertThat(train.out()).contains("trained sex: 2 epochs", "macro AUROC", "confusion");
    assertThat(model.resolve("model.json")).exists();
    assertThat(model.resolve("train-log.csv")).exists();
    assertThat(model.resolve("curves.png")).exists();

    Path json = tmp.resolve("test.json");
    Cli eval =
        Cli.run(
            "eval",
            "classify",
            model.toString(),
            ds.toString(),
            "--split",
            "test",
            "--out",
            json.toString());
    assertThat(eval.exitCode()).as(eval.out()).isZero();
    assertThat(eval.out()).contains("sex (binary) on test", "female", "male", "95% CI");
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertThat(r.path("auroc").has("male")).isTrue();
    assertThat(r.path("macro_auroc").isNumber()).isTrue();
    assertThat(r.path("accuracy").isNumber()).isTrue();
    assertThat(tmp.resolve("test-roc.png")).exists();

    Path png = tmp.resolve("film.png");
    byte[] px = new byte[100 * 80];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (60 + (i % 100) / 2); // a gradient: a constant frame is refused as blank
    }
    Files.write(png, new PngEncoder().encode(new Raster(100, 80, 1, px)));
    Path bad = tmp.resolve("bad.png");
    Files.writeString(bad, "not an image");
    Cli predict = Cli.run("predict", model.toString(), png.toString(), bad.toString());
    assertThat(predict.exitCode()).as(predict.out()).isZero();
    assertThat(predict.out()).contains(png + "\tfemale=", "\tmale=");
    assertThat(Cli.run("predict", model.toString(), bad.toString()).exitCode())
        .isEqualTo(ExitCodes.UNUSABLE_INPUT);
  }

  @Test
  void usageErrorsNameWhatIsWrong() {
    assertThat(
            Cli.run(
                    "train",
                    "classify",
                    ds.toString(),
                    "--task",
                    "nope",
                    "--out",
                    tmp.resolve("x").toString())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            Cli.run(
                    "train",
                    "classify",
                    ds.toString(),
                    "--task",
                    "sex",
                    "--preset",
                    "huge",
                    "--out",
                    tmp.resolve("y").toString())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            Cli.run("eval", "classify", tmp.resolve("nothing").toString(), ds.toString())
                .exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }
}
