package io.medloom.learn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.learn.Preset;
import io.medloom.learn.data.ClassifyDataset;
import io.medloom.learn.data.Examples;
import io.medloom.learn.data.HostBatch;
import io.medloom.learn.data.Loader;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.Samplers;
import io.medloom.learn.data.TargetSpec;
import io.medloom.learn.model.Classifier;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.model.Predictor;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyTrainingTest {
  @TempDir static Path tmp;
  static Path dataset;

  @BeforeAll
  static void build() throws Exception {
    dataset = tmp.resolve("ds");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("phantom:90")),
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

  private static Preset tiny(int epochs) throws Exception {
    return Preset.load("tiny").withEpochs(epochs).withBatch(8);
  }

  private static TrainConfig config(String task, Preset p, Path out) {
    return new TrainConfig(dataset, task, p, SplitScheme.MEDLOOM, out, 7, 2, true);
  }

  @Test
  void trainsEvaluatesAndPredictsIntoACompleteModelFolder() throws Exception {
    Path out = tmp.resolve("m-sex");
    ClassifyTraining.Result r =
        ClassifyTraining.run(config("sex", tiny(2), out), TrainListener.NONE);
    ModelFolder f = new ModelFolder(out);
    assertThat(f.read().status()).isEqualTo("finished");
    assertThat(f.read().dataset().fingerprint()).isEqualTo(SampleReader.fingerprint(dataset));
    assertThat(f.read().task().classes()).hasSize(2);
    assertThat(f.params()).isRegularFile();
    assertThat(f.curves()).isRegularFile();
    assertThat(f.checkpoints()).doesNotExist();
    assertThat(Files.readAllLines(f.log())).hasSize(3).first().asString().startsWith("epoch,lr");
    assertThat(r.rows()).hasSize(2);
    assertThat(r.test()).isPresent();
    JsonNode json = new ObjectMapper().readTree(ClassifyEvaluation.defaultOut(out).toFile());
    assertThat(json.path("auroc").size()).isEqualTo(2);
    assertThat(json.path("macro_auroc").isNumber()).isTrue();
    assertThat(json.path("accuracy").asDouble()).isBetween(0.0, 1.0);
    assertThat(ClassifyEvaluation.rocPath(ClassifyEvaluation.defaultOut(out))).isRegularFile();
    // A second run into a finished folder is refused.
    assertThatThrownBy(() -> ClassifyTraining.run(config("sex", tiny(2), out), TrainListener.NONE))
        .hasMessageContaining("already holds a finished model");
    // Prediction on a stored image gives a probability distribution.
    try (Classifier clf = Classifier.load(f);
        SampleReader reader =
            SampleReader.open(
                dataset, SplitScheme.MEDLOOM, Optional.of("test"), EnumSet.of(Column.IMAGE))) {
      var probs = Predictor.predict(clf, reader.get(0).image().orElseThrow());
      assertThat(probs.keySet()).containsExactly("female", "male");
      assertThat(probs.values().stream().mapToDouble(Double::doubleValue).sum())
          .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  @Test
  void anInterruptedRunResumesToTheSameWeightsAsAnUninterruptedOne() throws Exception {
    Path whole = tmp.resolve("whole");
    ClassifyTraining.Result a =
        ClassifyTraining.run(config("sex", tiny(3), whole), TrainListener.NONE);
    Path broken = tmp.resolve("broken");
    TrainListener crashAfterEpoch2 =
        new TrainListener() {
          @Override
          public void epochFinished(EpochRow row) {
            if (row.epoch() == 2) {
              throw new IllegalStateException("simulated crash");
            }
          }
        };
    assertThatThrownBy(() -> ClassifyTraining.run(config("sex", tiny(3), broken), crashAfterEpoch2))
        .hasMessageContaining("simulated crash");
    assertThat(new ModelFolder(broken).read().status()).isEqualTo("training");
    List<String> messages = new ArrayList<>();
    ClassifyTraining.Result b =
        ClassifyTraining.run(
            config("sex", tiny(3), broken),
            new TrainListener() {
              @Override
              public void message(String line) {
                messages.add(line);
              }
            });
    assertThat(messages).anyMatch(m -> m.startsWith("resuming after epoch 2"));
    assertThat(Files.readAllBytes(new ModelFolder(broken).params()))
        .isEqualTo(Files.readAllBytes(new ModelFolder(whole).params()));
    assertThat(b.test().orElseThrow().auroc()).isEqualTo(a.test().orElseThrow().auroc());
    assertThat(b.rows().get(2).trainLoss()).isEqualTo(a.rows().get(2).trainLoss());
    // Another configuration into the same (unfinished) folder is refused.
    Path other = tmp.resolve("other");
    assertThatThrownBy(() -> ClassifyTraining.run(config("sex", tiny(3), other), crashAfterEpoch2))
        .hasMessageContaining("simulated crash");
    assertThatThrownBy(
            () ->
                ClassifyTraining.run(
                    config("sex", tiny(3).withLr(0.01), other), TrainListener.NONE))
        .hasMessageContaining("different run");
  }

  @Test
  void multilabelFindingsTrainWithPositiveWeightsAndReportEveryClass() throws Exception {
    Path out = tmp.resolve("m-findings");
    ClassifyTraining.Result r =
        ClassifyTraining.run(config("findings", tiny(1), out), TrainListener.NONE);
    var info = new ModelFolder(out).read();
    assertThat(info.positiveWeights()).hasSize(info.task().classes().size());
    assertThat(r.test().orElseThrow().auroc()).hasSize(info.task().classes().size());
    assertThat(r.test().orElseThrow().confusion()).allMatch(row -> row.size() == 4);
  }

  @Test
  void unknownTaskAndSplitAreUsageErrors() {
    assertThatThrownBy(
            () ->
                ClassifyTraining.run(config("nope", tiny(1), tmp.resolve("x")), TrainListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no task 'nope'")
        .hasMessageContaining("findings");
    assertThatThrownBy(
            () ->
                ClassifyTraining.run(
                    new TrainConfig(
                        dataset,
                        "sex",
                        tiny(1),
                        SplitScheme.ORIGINAL,
                        tmp.resolve("y"),
                        1,
                        1,
                        false),
                    TrainListener.NONE))
        .hasMessageContaining("original_split = 'train'");
  }

  @Test
  void loaderBatchesDoNotDependOnThreadsAndTheDjlDatasetBatches() throws Exception {
    try (SampleReader r =
        SampleReader.open(
            dataset,
            SplitScheme.MEDLOOM,
            Optional.of("train"),
            EnumSet.of(Column.IMAGE, Column.LABELS))) {
      var task =
          r.info().tasks().stream().filter(t -> t.name().equals("sex")).findFirst().orElseThrow();
      Preset p = Preset.load("small").withImageSize(24);
      Examples ex =
          new Examples(r, TargetSpec.of(task), 24, Normalization.UNIT, p.augmentation(), true, 5);
      int[] order = Samplers.shuffled(ex.size(), 5, 1);
      List<HostBatch> one = drain(new Loader(ex, 1, 1), order);
      List<HostBatch> three = drain(new Loader(ex, 3, 6), order);
      assertThat(one).hasSameSizeAs(three);
      for (int i = 0; i < one.size(); i++) {
        assertThat(three.get(i).images()).isEqualTo(one.get(i).images());
        assertThat(three.get(i).targets()).isEqualTo(one.get(i).targets());
      }
      // Another epoch draws other augmentations.
      Iterator<HostBatch> e2 = new Loader(ex, 1, 1).epoch(order, 8, 2, false);
      assertThat(e2.next().images()).isNotEqualTo(one.get(0).images());
      ClassifyDataset djl = ClassifyDataset.builder().setExamples(ex).setSampling(4, false).build();
      try (NDManager m = NDManager.newBaseManager()) {
        Batch b = djl.getData(m).iterator().next();
        assertThat(b.getData().singletonOrThrow().getShape().toString())
            .isEqualTo("(4, 1, 24, 24)");
        assertThat(b.getLabels().singletonOrThrow().getShape().toString()).isEqualTo("(4, 1)");
        b.close();
      }
    }
  }

  private static List<HostBatch> drain(Loader l, int[] order) {
    List<HostBatch> out = new ArrayList<>();
    try (l) {
      l.epoch(order, 8, 1, false).forEachRemaining(out::add);
    }
    return out;
  }
}
