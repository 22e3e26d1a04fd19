package io.medloom.learn.seg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.learn.model.ModelFolder;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegTrainingTest {
  @TempDir static Path tmp;
  static Path dataset;

  @BeforeAll
  static void build() throws Exception {
    dataset = tmp.resolve("ds");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("phantom:40")),
            dataset,
            32,
            3,
            0.2,
            0.2,
            2,
            64,
            1L << 28,
            Optional.empty(),
            "t"),
        Progress.NONE);
  }

  private static SegConfig config(
      Path out, String method, double fraction, double noise, int epochs) {
    // Eight channels at least: with fewer than oneDNN's block, its convolution gradients do not
    // repeat (see gradientsRepeatExactly).
    SegPreset p = new SegPreset("test", List.of(8, 16, 32), 32, 4, epochs, 3e-3);
    return new SegConfig(
        dataset,
        out,
        method,
        p,
        SplitScheme.MEDLOOM,
        Set.of("heart"),
        fraction,
        noise,
        false,
        new AideOptions(1, 1, 0.25, 0.5, 10, 2, 10, 0.1, false, 2),
        5);
  }

  @Test
  void supervisedTrainsAndEvaluatesIntoACompleteModelFolder() throws Exception {
    Path out = tmp.resolve("sup");
    SegTraining.Result r = SegTraining.run(config(out, "supervised", 1, 0, 2), SegListener.SILENT);
    ModelFolder f = new ModelFolder(out);
    assertThat(r.info().status()).isEqualTo("finished");
    assertThat(r.info().labelledSamples()).isEqualTo(r.info().trainSamples());
    assertThat(f.params()).isRegularFile();
    assertThat(f.checkpoints()).doesNotExist();
    assertThat(Files.readAllLines(f.log())).hasSize(3);
    Path json = SegEvaluation.defaultOut(out);
    SegReport rep = SegEvaluation.run(out, dataset, "test", SplitScheme.MEDLOOM, json);
    JsonNode j = new ObjectMapper().readTree(json.toFile());
    for (String k : List.of("dice", "iou", "hd95")) {
      assertThat(j.path(k).path("mean").isNumber()).as(k).isTrue();
      assertThat(j.path(k).path("ci95").size()).as(k).isEqualTo(2);
    }
    assertThat(j.path("dice").path("mean").asDouble()).isBetween(0.0, 1.0);
    assertThat(rep.samples() + rep.leftOut() + rep.blank()).isEqualTo(rep.read());
    assertThat(rep.perSample()).hasSize(rep.samples());
    for (String png : rep.overlays()) {
      assertThat(json.resolveSibling(png)).isRegularFile();
    }
    assertThatThrownBy(
            () -> SegTraining.run(config(out, "supervised", 1, 0, 2), SegListener.SILENT))
        .hasMessageContaining("already holds a finished model");
  }

  @Test
  void aideWithScarceNoisyLabelsResumesToTheSameWeights() throws Exception {
    Path whole = tmp.resolve("aide-whole");
    SegTraining.Result a = SegTraining.run(config(whole, "aide", 0.5, 0.5, 3), SegListener.SILENT);
    assertThat(a.info().labelledSamples()).isLessThan(a.info().trainSamples());
    assertThat(a.info().corruptions().values().stream().mapToInt(Integer::intValue).sum())
        .isPositive();
    assertThat(tmp.resolve("aide-whole/init/model.params")).isRegularFile();
    // The second start: the same labelled patients and corrupted masks, trained with seed + 1.
    SegModelInfo i1 = SegModel.readInfo(whole.resolve("init"));
    SegModelInfo i2 = SegModel.readInfo(whole.resolve("init2"));
    assertThat(i1.seed()).isEqualTo(5);
    assertThat(i1.dataSeed()).isNull();
    assertThat(i2.seed()).isEqualTo(6);
    assertThat(i2.dataSeed()).isEqualTo(5);
    assertThat(i2.labelledSamples()).isEqualTo(i1.labelledSamples());
    assertThat(i2.corruptions()).isEqualTo(i1.corruptions());
    assertThat(Files.readAllBytes(whole.resolve("init2/model.params")))
        .isNotEqualTo(Files.readAllBytes(whole.resolve("init/model.params")));
    assertThat(a.rows()).allSatisfy(r -> assertThat(r.valDice()).hasSize(2));
    // Warm-up of one epoch and updates every epoch: a quarter of the samples relabelled each time.
    assertThat(a.rows().get(0).relabelled()).isPositive();
    Path broken = tmp.resolve("aide-broken");
    SegListener crash =
        new SegListener() {
          @Override
          public void message(String text) {}

          @Override
          public void epochFinished(SegEpochRow row, int epochs) {
            if (row.epoch() == 2 && row.valDice().size() == 2) {
              throw new IllegalStateException("simulated crash");
            }
          }
        };
    assertThatThrownBy(() -> SegTraining.run(config(broken, "aide", 0.5, 0.5, 3), crash))
        .hasMessageContaining("simulated crash");
    assertThat(broken.resolve("checkpoints/epoch-002")).isDirectory();
    SegTraining.Result b = SegTraining.run(config(broken, "aide", 0.5, 0.5, 3), SegListener.SILENT);
    assertThat(b.rows()).hasSize(3);
    // The resumed run ends exactly where the uninterrupted one does: the same kept weights, byte
    // for byte, and the same training loss and validation Dice of both networks in every epoch.
    assertThat(Files.readAllBytes(broken.resolve("model.params")))
        .isEqualTo(Files.readAllBytes(whole.resolve("model.params")));
    assertThat(b.rows().stream().map(r -> List.of(r.trainLoss(), r.valDice())).toList())
        .isEqualTo(a.rows().stream().map(r -> List.of(r.trainLoss(), r.valDice())).toList());
    // A different configuration into the same folder is refused.
    Path other = tmp.resolve("aide-other");
    assertThatThrownBy(() -> SegTraining.run(config(other, "aide", 0.5, 0.5, 3), crash))
        .hasMessageContaining("simulated crash");
    assertThatThrownBy(
            () -> SegTraining.run(config(other, "aide", 0.5, 0.2, 3), SegListener.SILENT))
        .hasMessageContaining("different run");
  }

  /**
   * The premise of the resume check: one forward and backward pass on the same weights and batch
   * gives the same gradients every time. oneDNN's AVX-512 convolutions broke it (different
   * gradients per call, at times NaN, for layers with fewer channels than their 16-wide block); the
   * tests run with ONEDNN_MAX_CPU_ISA=SSE41 (the module's pom; {@code ./medloom train seg} caps at
   * AVX2, which once left a last-digit difference here on a loaded machine).
   */
  @Test
  void gradientsRepeatExactly() throws Exception {
    int n = 4;
    int s = 32;
    float[] x = new float[n * s * s];
    float[] y = new float[n * s * s];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
      y[i] = (i % s) > s / 2 && (i / s) % s > 10 ? 1 : 0;
    }
    io.medloom.learn.Djl.seed(5);
    try (Net net = new Net("g", List.of(8, 16, 32), n, s, null, null)) {
      List<float[]> first = null;
      for (int k = 0; k < 10; k++) {
        List<float[]> grads = new java.util.ArrayList<>();
        try (ai.djl.ndarray.NDManager m = net.trainer.getManager().newSubManager();
            ai.djl.training.GradientCollector gc = net.trainer.newGradientCollector()) {
          io.medloom.learn.train.Gradients.reset(net.model.getBlock());
          ai.djl.ndarray.NDArray out =
              net.trainer
                  .forward(
                      new ai.djl.ndarray.NDList(
                          m.create(x, new ai.djl.ndarray.types.Shape(n, 1, s, s))))
                  .singletonOrThrow();
          ai.djl.ndarray.NDArray t =
              SegLoss.oneHot(m.create(y, new ai.djl.ndarray.types.Shape(n, 1, s, s)));
          gc.backward(SegLoss.perSample(out, t).mean());
          for (var p : net.model.getBlock().getParameters()) {
            if (p.getValue().requiresGradient()) {
              ai.djl.ndarray.NDArray g = p.getValue().getArray().getGradient();
              g.attach(m);
              grads.add(g.toFloatArray());
            }
          }
        }
        if (first == null) {
          first = grads;
          for (float[] g : grads) {
            for (float v : g) {
              assertThat(Float.isFinite(v)).as("finite gradient").isTrue();
            }
          }
        } else {
          for (int i = 0; i < grads.size(); i++) {
            assertThat(grads.get(i)).as("gradient %d, pass %d", i, k).isEqualTo(first.get(i));
          }
        }
      }
    }
  }
}
