package io.medloom.cli;

import io.medloom.annotate.AnnotateStageProvider;
import io.medloom.annotate.OpenAiChatClient;
import io.medloom.annotate.Rephraser;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StageProvider;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.StageRerun;
import io.medloom.engine.review.ReviewApplier;
import io.medloom.learn.seg.SegRoiProposer;
import io.medloom.store.DatasetReader;
import io.medloom.store.review.ReviewLog;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "annotate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the annotation stage again over a finished dataset: ROI attributes computed from the",
      "pixels and masks, and desc.global / desc.roi / desc.relation / desc.full texts. Builds run",
      "it already; use this after changing the annotator or on a dataset built without it.",
      "Expert decisions in the dataset's reviews.jsonl (./medloom serve --review) are applied",
      "last: rejected items removed, corrections kept with origin=annotator.",
      "--roi-model adds a trained segmentation model's regions (origin model:<folder name>, the",
      "mean predicted probability as confidence) to images without a region of its label: a",
      "lung model (train seg --roi-label 'right lung' --roi-label 'left lung') outlines both",
      "lung fields on frontal chest films, which then get lung zones and region descriptions."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom annotate /tmp/m1/dataset",
      "  ./medloom annotate /tmp/covid --roi-model /tmp/lungs",
      "  MEDLOOM_LLM_API_KEY=... ./medloom annotate /tmp/m1/dataset \\",
      "      --llm http://127.0.0.1:8000 --llm-model qwen2.5-7b-instruct"
    })
final class AnnotateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(
      names = "--roi-model",
      paramLabel = "MODEL",
      description = {
        "A segmentation model folder (train seg) whose regions are added where its label is",
        "missing; repeatable. Earlier regions of the same model are replaced."
      })
  List<Path> roiModels;

  @Option(
      names = "--llm",
      paramLabel = "URL",
      description = {
        "OpenAI-compatible chat endpoint that rephrases each desc.roi (off by default). An",
        "answer is kept only if it passes the same geometry and finding checks; otherwise the",
        "composed text stays. The key, if needed, is read from MEDLOOM_LLM_API_KEY."
      })
  Optional<URI> llm;

  @Option(
      names = "--llm-model",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "Model name sent to the endpoint and recorded as origin llm:NAME.")
  String llmModel;

  @Option(
      names = "--llm-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Per-request timeout in seconds (default ${DEFAULT-VALUE}).")
  int llmTimeout;

  @Override
  public Integer call() throws Exception {
    Optional<Rephraser> rephraser =
        llm.map(
            url ->
                new Rephraser(
                    new OpenAiChatClient(
                        url,
                        llmModel,
                        Optional.ofNullable(System.getenv("MEDLOOM_LLM_API_KEY")),
                        Duration.ofSeconds(llmTimeout))));
    run(dataset, roiModels == null ? List.of() : roiModels, rephraser);
    return ExitCodes.OK;
  }

  /**
   * Re-runs the annotation stage over {@code dataset} with the proposers of {@code roiModels}, the
   * rephraser if any, and the dataset's review decisions; prints what changed.
   */
  static void run(Path dataset, List<Path> roiModels, Optional<Rephraser> rephraser)
      throws Exception {
    // A re-run uses the seed and size the dataset was built with, so its wording matches a build's.
    StageContext context;
    try (DatasetReader reader = DatasetReader.open(dataset)) {
      var info = reader.info();
      context = StageContext.of(info.build().seed(), info.inputSize().get(2));
    }
    List<CountingProposer> proposers = new ArrayList<>();
    try {
      for (Path m : roiModels) {
        proposers.add(new CountingProposer(SegRoiProposer.load(m)));
      }
      List<Stage> stages = new ArrayList<>();
      for (StageProvider p : BuildConfig.addedStages()) {
        if (p.name().equals("annotate")) {
          stages.add(
              proposers.isEmpty()
                  ? p.stage(context)
                  : AnnotateStageProvider.withProposers(List.copyOf(proposers)).stage(context));
        }
      }
      if (stages.isEmpty()) {
        throw new IllegalStateException("the annotation module is not on the class path");
      }
      rephraser.ifPresent(r -> stages.add(r.stage()));
      // Expert decisions from the viewer's review queue come last, so they win over generated text.
      ReviewLog.Contents reviews = new ReviewLog(dataset).read();
      ReviewApplier applier = new ReviewApplier(reviews.reviews());
      if (!reviews.reviews().isEmpty()) {
        stages.add(applier.stage());
      }
      StageRerun.Result r = StageRerun.run(dataset, stages, ConsoleProgress.forStderr());
      System.out.println(
          "annotate: "
              + r.rows()
              + " rows rewritten, "
              + r.keptUnchanged()
              + " kept unchanged"
              + (r.problems().isEmpty() ? "" : " " + r.problems()));
      for (CountingProposer p : proposers) {
        System.out.println(p.summary());
      }
      rephraser.ifPresent(p -> System.out.println(p.summary()));
      if (!reviews.reviews().isEmpty() || reviews.unreadableLines() > 0) {
        System.out.println(
            "reviews: "
                + applier.applied()
                + " decisions applied, "
                + applier.stale()
                + " stale (their target changed)"
                + (reviews.unreadableLines() > 0
                    ? ", " + reviews.unreadableLines() + " unreadable lines skipped"
                    : ""));
      }
    } finally {
      for (CountingProposer p : proposers) {
        p.close();
      }
    }
  }
}
