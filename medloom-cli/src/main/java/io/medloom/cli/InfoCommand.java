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
      }
    }
    return ExitCodes.OK;
  }
}
