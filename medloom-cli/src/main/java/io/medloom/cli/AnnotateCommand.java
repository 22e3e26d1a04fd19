package io.medloom.cli;

import io.medloom.annotate.OpenAiChatClient;
import io.medloom.annotate.Rephraser;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.engine.BuildConfig;
import io.medloom.engine.StageRerun;
import io.medloom.engine.review.ReviewApplier;
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
      "last: rejected items removed, corrections kept with origin=annotator."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom annotate /tmp/m1/dataset",
      "  MEDLOOM_LLM_API_KEY=... ./medloom annotate /tmp/m1/dataset \\",
      "      --llm http://127.0.0.1:8000 --llm-model qwen2.5-7b-instruct"
    })
final class AnnotateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

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
    // A re-run uses the seed and size the dataset was built with, so its wording matches a build's.
    StageContext context;
    try (DatasetReader reader = DatasetReader.open(dataset)) {
      var info = reader.info();
      context = StageContext.of(info.build().seed(), info.inputSize().get(2));
    }
    List<Stage> stages =
        new ArrayList<>(
            BuildConfig.addedStages().stream()
                .filter(p -> p.name().equals("annotate"))
                .map(p -> p.stage(context))
                .toList());
    if (stages.isEmpty()) {
      throw new IllegalStateException("the annotation module is not on the class path");
    }
    Optional<Rephraser> rephraser =
        llm.map(
            url ->
                new Rephraser(
                    new OpenAiChatClient(
                        url,
                        llmModel,
                        Optional.ofNullable(System.getenv("MEDLOOM_LLM_API_KEY")),
                        Duration.ofSeconds(llmTimeout))));
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
    return ExitCodes.OK;
  }
}
