package io.medloom.cli;

import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageProvider;
import io.medloom.store.StageRerun;
import io.medloom.store.build.BuildConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "annotate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the annotation stage again over a finished dataset: ROI attributes computed from the",
      "pixels and masks, and desc.global / desc.roi / desc.relation / desc.full texts. Builds run",
      "it already; use this after changing the annotator or on a dataset built without it."
    },
    footer = {"", "Example:", "  ./medloom annotate /tmp/m1/dataset"})
final class AnnotateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Override
  public Integer call() throws Exception {
    List<Stage> stages =
        BuildConfig.addedStages().stream()
            .filter(p -> p.name().equals("annotate"))
            .map(StageProvider::stage)
            .toList();
    if (stages.isEmpty()) {
      throw new IllegalStateException("the annotation module is not on the class path");
    }
    StageRerun.Result r = StageRerun.run(dataset, stages, ConsoleProgress.forStderr());
    System.out.println(
        "annotate: "
            + r.rows()
            + " rows rewritten, "
            + r.keptUnchanged()
            + " kept unchanged"
            + (r.problems().isEmpty() ? "" : " " + r.problems()));
    return ExitCodes.OK;
  }
}
