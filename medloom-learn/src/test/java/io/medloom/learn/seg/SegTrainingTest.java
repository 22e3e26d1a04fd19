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
    SegPreset p = new SegPreset("test", List.of(4, 8, 16), 32, 4, epochs, 3e-3);
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
    // The resumed run predicts what the uninterrupted one does. Not byte for byte: on some runs
    // (seen in CI only, with one engine thread too) the weights differ in the fourth digit, from a
    // source not yet found; a resume that lost the optimizer state, the label sets or the epoch
    // would differ by far more.
    double[] d = predictionDifference(broken, whole);
    assertThat(d[0]).as("mean |p_resumed - p_whole|").isLessThan(0.01);
    assertThat(d[1]).as("max |p_resumed - p_whole|").isLessThan(0.1);
    // A different configuration into the same folder is refused.
    Path other = tmp.resolve("aide-other");
    assertThatThrownBy(() -> SegTraining.run(config(other, "aide", 0.5, 0.5, 3), crash))
        .hasMessageContaining("simulated crash");
    assertThatThrownBy(
            () -> SegTraining.run(config(other, "aide", 0.5, 0.2, 3), SegListener.SILENT))
        .hasMessageContaining("different run");
  }

  /** Mean and max absolute difference of two models' foreground probabilities on seeded noise. */
  private static double[] predictionDifference(Path a, Path b) throws Exception {
    try (SegModel ma = SegModel.load(a);
        SegModel mb = SegModel.load(b)) {
      int n = 4;
      float[] x = new float[n * ma.size() * ma.size()];
      java.util.Random r = new java.util.Random(3);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      float[] pa = ma.foreground(x, n);
      float[] pb = mb.foreground(x, n);
      double sum = 0;
      double max = 0;
      for (int i = 0; i < pa.length; i++) {
        double e = Math.abs(pa[i] - pb[i]);
        sum += e;
        max = Math.max(max, e);
      }
      return new double[] {sum / pa.length, max};
    }
  }
}
