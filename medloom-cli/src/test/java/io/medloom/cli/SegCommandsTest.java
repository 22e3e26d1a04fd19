package io.medloom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegCommandsTest {
  @TempDir static Path tmp;
  static Path ds;

  @BeforeAll
  static void build() {
    ds = tmp.resolve("ds");
    Cli b = Cli.run("build", "--source", "phantom:30", "--out", ds.toString(), "--size", "32");
    assertThat(b.exitCode()).as(b.out()).isZero();
  }

  @Test
  void trainAndEvalSegFromTheCommandLine() throws Exception {
    Path model = tmp.resolve("model");
    Cli train =
        Cli.run(
            "train",
            "seg",
            ds.toString(),
            "--roi-label",
            "heart",
            "--widths",
            "4,8",
            "--image-size",
            "32",
            "--epochs",
            "2",
            "--batch",
            "4",
            "--out",
            model.toString());
    assertThat(train.exitCode()).as(train.out()).isZero();
    assertThat(train.out()).contains("trained seg (supervised): 2 epochs", "Dice", "HD95");
    Path json = tmp.resolve("seg.json");
    Cli eval = Cli.run("eval", "seg", model.toString(), ds.toString(), "--out", json.toString());
    assertThat(eval.exitCode()).as(eval.out()).isZero();
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertThat(r.path("dice").path("ci95").size()).isEqualTo(2);
    assertThat(r.path("hd95").path("mean").isNumber()).isTrue();
    assertThat(tmp.resolve("seg-best.png")).exists();
    assertThat(tmp.resolve("seg-worst.png")).exists();
    // A label no region has: a clear error naming it, not a crash.
    Cli none =
        Cli.run(
            "train",
            "seg",
            ds.toString(),
            "--roi-label",
            "no such organ",
            "--out",
            tmp.resolve("none").toString());
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.err()).contains("no such organ");
  }
}
