package io.medloom.cli;

import io.medloom.learn.meta.MetaCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "meta",
    mixinStandardHelpOptions = true,
    description = "Several datasets as one meta-dataset: catalog of tasks, leakage, episodes.",
    subcommands = {MetaCommand.ListCommand.class, MetaEpisodesCommand.class},
    footer = {
      "",
      "Examples:",
      "  ./medloom meta list /tmp/pmn /tmp/busi /tmp/phantom",
      "  ./medloom meta episodes /tmp/pmn --task pneumoniamnist --split test --ways 2 --shots 1-10"
          + " --query 10 --episodes 100 --seed 0 --out /tmp/pmn-episodes.json"
    })
final class MetaCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "a subcommand is needed: list or episodes");
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Every dataset and task (domain, modality, type, classes, rows per split), and exact"
              + " duplicates that cross a source's own splits.",
      footer = {"", "Example:", "  ./medloom meta list /tmp/pmn /tmp/busi /tmp/phantom"})
  static final class ListCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Dataset directories.")
    List<Path> datasets;

    @Override
    public Integer call() throws Exception {
      System.out.print(MetaCatalog.format(MetaCatalog.read(datasets)));
      return ExitCodes.OK;
    }
  }
}
