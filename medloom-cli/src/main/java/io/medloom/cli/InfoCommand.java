package io.medloom.cli;

import io.medloom.store.DatasetReader;
import io.medloom.store.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Describes a dataset: counts (read = written + rejected), splits, tasks, sources.",
    footer = {
      "",
      "Examples:",
      "  ./medloom info /tmp/m1/dataset",
      "  ./medloom info /tmp/m1/dataset --json"
    })
final class InfoCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(names = "--json", description = "Print dataset.json instead of a summary.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (DatasetReader r = DatasetReader.open(dataset)) {
      if (json) {
        System.out.println(Json.MAPPER.writeValueAsString(r.info()));
      } else {
        System.out.print(Summaries.text(dataset, r.info()));
        System.out.print(reviewSummary(dataset));
      }
    }
    return ExitCodes.OK;
  }

  /** Expert decisions waiting in reviews.jsonl (applied by annotate), by action and target. */
  static String reviewSummary(Path dataset) throws java.io.IOException {
    var contents = new io.medloom.store.review.ReviewLog(dataset).read();
    if (contents.reviews().isEmpty() && contents.unreadableLines() == 0) {
      return "";
    }
    java.util.Map<String, Long> byAction = new java.util.TreeMap<>();
    java.util.Map<String, Long> byTarget = new java.util.TreeMap<>();
    java.util.Set<String> reviewers = new java.util.TreeSet<>();
    java.util.Set<String> samples = new java.util.HashSet<>();
    for (var rv : contents.reviews()) {
      byAction.merge(rv.action(), 1L, Long::sum);
      byTarget.merge(rv.target().type(), 1L, Long::sum);
      reviewers.add(rv.reviewer());
      samples.add(rv.sampleId());
    }
    return "reviews: "
        + contents.reviews().size()
        + " decisions on "
        + samples.size()
        + " samples by "
        + reviewers.size()
        + " reviewer(s); actions "
        + byAction
        + ", targets "
        + byTarget
        + (contents.unreadableLines() > 0
            ? "; " + contents.unreadableLines() + " unreadable lines"
            : "")
        + "\n";
  }
}
