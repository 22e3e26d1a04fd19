package io.medloom.learn.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medloom.core.Progress;
import io.medloom.core.source.SourceSpec;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.LocalBuild;
import io.medloom.learn.Preset;
import io.medloom.learn.data.Normalization;
import io.medloom.learn.data.Samplers;
import io.medloom.learn.model.ModelFolder;
import io.medloom.learn.text.TextTokenizer;
import io.medloom.learn.text.WordPiece;
import io.medloom.learn.train.ClipTraining;
import io.medloom.learn.train.TrainListener;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTrainingTest {
  @TempDir static Path tmp;
  static Path dataset;

  @BeforeAll
  static void build() throws Exception {
    dataset = tmp.resolve("ds");
    LocalBuild.run(
        new BuildConfig(
            List.of(SourceSpec.parse("phantom:60")),
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

  private static ClipConfig config(ClipLoss loss, int epochs, Path out) throws Exception {
    Preset p = Preset.load("tiny").withEpochs(epochs).withBatch(8).withImageSize(32);
    // Hard negatives on and ASG's region term at weight 1: every path of a training step runs.
    return new ClipConfig(
        dataset,
        p,
        loss,
        SplitScheme.MEDLOOM,
        out,
        7,
        2,
        24,
        300,
        null,
        null,
        true,
        1.0,
        TextMarks.NONE);
  }

  @Test
  void trainsEveryObjectiveAndEvaluatesEndToEnd() throws Exception {
    for (ClipLoss loss : ClipLoss.values()) {
      Path out = tmp.resolve("m-" + loss.wireName());
      ClipTraining.Result r = ClipTraining.run(config(loss, 1, out), TrainListener.NONE);
      ModelFolder f = new ModelFolder(out);
      assertThat(r.info().status()).isEqualTo("finished");
      assertThat(r.info().loss()).isEqualTo(loss.wireName());
      assertThat(f.params()).isRegularFile();
      assertThat(out.resolve(TextTokenizer.FILE)).isRegularFile();
      assertThat(f.checkpoints()).doesNotExist();
      assertThat(r.rows()).hasSize(1);
      assertThat(r.rows().get(0).trainLoss()).isFinite().isPositive();
      assertThat(r.info().spec().tags()).isEqualTo(loss == ClipLoss.ASG ? 40 : 0);
    }
    Path out = tmp.resolve("m-clip");
    try (ClipModel m = ClipModel.load(out)) {
      assertThat(m.scale()).isBetween(1f, ClipNet.MAX_SCALE);
      float[][] t = m.texts(List.of("Cardiomegaly.", "No pleural effusion."));
      assertThat(ClipModel.dot(t[0], t[0]))
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      ZeroShot.Report z = ZeroShot.run(m, dataset, SplitScheme.MEDLOOM, "test", "findings", 2);
      assertThat(z.auroc()).containsKeys("cardiomegaly", "pleural effusion");
      assertThat(z.samples()).isPositive();
      assertThat(z.accuracy()).isBetween(0.0, 1.0);
      Retrieval.Report rr = Retrieval.run(m, dataset, SplitScheme.MEDLOOM, "test", 2);
      assertThat(rr.i2t().queries()).isEqualTo(rr.images());
      assertThat(rr.i2t().r10()).isBetween(rr.i2t().r5(), 1.0);
      assertThat(rr.i2t().meanRank()).isBetween(1.0, (double) rr.texts());
      LinearProbe.Report pr =
          LinearProbe.run(m, dataset, SplitScheme.MEDLOOM, "sex", List.of(0.5, 1.0), 3, 2);
      assertThat(pr.rows()).hasSize(2);
      assertThat(pr.rows().get(1).trainSamples()).isGreaterThan(pr.rows().get(0).trainSamples());
    }
    try (ClipModel m = ClipModel.load(tmp.resolve("m-asg"))) {
      ZeroShot.Report z = ZeroShot.run(m, dataset, SplitScheme.MEDLOOM, "test", "findings", 2);
      // ASG's tag head scores the classes a finding tag names.
      assertThat(z.tagAuroc()).containsKey("cardiomegaly");
      if (z.positives().get("cardiomegaly") > 0
          && z.positives().get("cardiomegaly") < z.samples()) {
        assertThat(z.tagAuroc().get("cardiomegaly")).isBetween(0.0, 1.0);
      }
    }
    searchIndexIsBuiltOnceAndCached(out);
    assertThatThrownBy(() -> ClipTraining.run(config(ClipLoss.CLIP, 1, out), TrainListener.NONE))
        .hasMessageContaining("already holds a finished model");
    assertThat(Files.readString(out.resolve("model.json"))).contains("\"kind\" : \"clip\"");
  }

  @Test
  void negationMarksReachTheVocabularyTheModelAndItsEvaluation() throws Exception {
    Path out = tmp.resolve("m-marks");
    ClipConfig base = config(ClipLoss.CLIP, 1, out);
    ClipConfig c =
        new ClipConfig(
            base.dataset(),
            base.preset(),
            base.loss(),
            base.scheme(),
            out,
            base.seed(),
            base.loaderThreads(),
            base.maxTokens(),
            base.vocabulary(),
            null,
            null,
            false,
            0,
            TextMarks.NEGATION);
    ClipTraining.Result r = ClipTraining.run(c, TrainListener.NONE);
    assertThat(r.info().marks()).isEqualTo(TextMarks.NEGATION);
    assertThat(Files.readString(out.resolve("model.json")))
        .contains("\"text_marks\" : \"negation\"");
    try (ClipModel m = ClipModel.load(out)) {
      TextTokenizer t = m.tokenizer();
      assertThat(t.pieces("No pleural effusion."))
          .isNotEqualTo(t.withRewrite(TextMarks.NONE).pieces("No pleural effusion."));
      ZeroShot.Report z = ZeroShot.run(m, dataset, SplitScheme.MEDLOOM, "test", "findings", 2);
      // The phantom has PA and lateral films: each view, the frontal group and the text side.
      assertThat(z.viewSamples()).containsKeys("PA", "LATERAL", ZeroShot.FRONTAL);
      assertThat(z.viewSamples().get("PA") + z.viewSamples().get("LATERAL")).isEqualTo(z.samples());
      assertThat(z.aurocByView().get("PA")).containsKey("cardiomegaly");
      assertThat(z.textAuroc()).containsKeys("cardiomegaly", "pleural effusion");
      assertThat(z.tagAuroc()).isEmpty(); // clip has no tag head
    }
  }

  private static void searchIndexIsBuiltOnceAndCached(Path model) throws Exception {
    try (ClipModel m = ClipModel.load(model)) {
      ClipIndex built = ClipIndex.open(m, dataset, 2);
      assertThat(built.fromCache()).isFalse();
      assertThat(built.file()).isRegularFile().hasParent(model.resolve("search"));
      // Every sample with an image, whatever its split.
      try (var all =
          io.medloom.store.read.SampleReader.open(
              dataset, SplitScheme.MEDLOOM, Optional.empty(), ClipData.COLUMNS)) {
        assertThat(built.size()).isEqualTo(all.size()).isGreaterThan(40);
      }
      List<ClipIndex.Hit> hits = built.search(m, "The heart is enlarged.", 7);
      assertThat(hits).hasSize(7);
      assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
      assertThat(hits.get(0).score()).isBetween(-1.0001, 1.0001);
      ClipIndex again = ClipIndex.open(m, dataset, 2);
      assertThat(again.fromCache()).isTrue();
      assertThat(again.search(m, "The heart is enlarged.", 7)).isEqualTo(hits);
      // A cache written for another model is not trusted: rebuilt.
      byte[] b = Files.readAllBytes(built.file());
      b[10] ^= 1;
      Files.write(built.file(), b);
      assertThat(ClipIndex.open(m, dataset, 2).fromCache()).isFalse();
      assertThatThrownBy(() -> again.search(m, " ", 3)).hasMessageContaining("empty");
    }
  }

  @Test
  void trainingBatchesCarryCounterfactualsAndDescribedRegions() throws Exception {
    Preset p = Preset.load("tiny");
    try (SampleReader r =
        SampleReader.open(dataset, SplitScheme.MEDLOOM, Optional.of("train"), ClipData.COLUMNS)) {
      ClipData d = new ClipData(r, 32, Normalization.UNIT, p.augmentation(), true, 7);
      List<String> corpus = new ArrayList<>();
      for (int i = 0; i < d.size(); i++) {
        corpus.add(d.report(i));
      }
      TextTokenizer tok = new TextTokenizer(WordPiece.train(corpus, 300), 24);
      int regions = 0;
      int hard = 0;
      int flipped = 0;
      try (ClipBatches b = new ClipBatches(d, tok, 2, true, 2)) {
        var it = b.epoch(Samplers.sequential(d.size()), 8, 1, false, false, false);
        while (it.hasNext()) {
          ClipBatches.Batch x = it.next();
          regions += x.regions();
          for (float v : x.hardValid()) {
            hard += (int) v;
          }
          if (x.regions() > 0) {
            assertThat(x.regionCoverage()).hasSize(x.regions() * 4);
            for (float c : x.regionCoverage()) {
              assertThat(c).isBetween(0f, 1f);
            }
            for (int j : x.regionSample()) {
              assertThat(j).isBetween(0, x.n() - 1);
            }
          }
        }
      }
      for (int i = 0; i < d.size(); i++) {
        String c = d.counterfactual(i, d.report(i), 1, i);
        if (c != null) {
          assertThat(c).isNotEqualTo(d.report(i));
          flipped++;
        }
      }
      // Every described region in view reaches the batches; reports mention findings both ways.
      int described = 0;
      for (int i = 0; i < d.size(); i++) {
        described += d.regions(i).size();
      }
      assertThat(regions).isBetween(described > 0 ? 1 : 0, described);
      assertThat(hard).isPositive().isEqualTo(flipped);
      // Evaluation batches carry neither.
      try (ClipBatches b = new ClipBatches(d, tok, 2, true, 2)) {
        ClipBatches.Batch x =
            b.epoch(Samplers.sequential(d.size()), 8, 1, false, false, true).next();
        assertThat(x.hardIds()).isNull();
        assertThat(x.regions()).isZero();
      }
    }
  }

  @Test
  void regionCoverageOfTheFeatureGrid() {
    // A 64x64 image, box x 0..32, y 48..64 (exclusive ends): on a 4x4 grid of 16-px cells the
    // bottom row's two left cells are covered fully, nothing else.
    float[] c =
        ClipData.coverage(
            ClipData.boxMask(new io.medloom.core.model.Box(0, 48, 32, 64), 64, 64), 4);
    assertThat(c).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0);
    float[] half =
        ClipData.coverage(ClipData.boxMask(new io.medloom.core.model.Box(0, 0, 8, 16), 64, 64), 4);
    assertThat(half[0]).isEqualTo(0.5f);
  }

  @Test
  void retrievalRanksAreCountedWithTiesAgainstTheQuery() {
    float[][] img = {{1, 0}, {0, 1}, {1, 0}};
    float[][] txt = {{1, 0}, {0, 1}};
    // Images 0 and 2 share text 0 (merged duplicates); image 1 has text 1.
    Retrieval.Report r = Retrieval.score("test", img, txt, new int[] {0, 1, 0});
    assertThat(r.i2t().r1()).isEqualTo(1.0);
    assertThat(r.t2i().r1()).isEqualTo(1.0);
    Retrieval.Report swapped = Retrieval.score("test", img, txt, new int[] {1, 0, 1});
    assertThat(swapped.i2t().r1()).isEqualTo(0.0);
    assertThat(swapped.i2t().meanRank()).isEqualTo(2.0);
  }
}
