package io.medloom.cli;

import io.medloom.learn.meta.Episodes;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "episodes",
    mixinStandardHelpOptions = true,
    description =
        "Draws seeded N-way K-shot episodes of one task (patient-disjoint support and query) into"
            + " a JSON file, so that every method is compared on the same episodes.",
    footer = {
      "",
      "Example:",
      "  ./medloom meta episodes /tmp/pmn --task pneumoniamnist --split test --ways 2 --shots 1-10"
          + " --query 10 --episodes 100 --seed 0 --out /tmp/pmn-episodes.json"
    })
final class MetaEpisodesCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(names = "--task", required = true, description = "A single-label task of the dataset.")
  String task;

  @Option(names = "--split", description = "Draw from this split only (default: all rows).")
  String split;

  @Option(
      names = "--split-scheme",
      defaultValue = "medloom",
      description = "medloom (patient-disjoint split, default) or original (the source's own).")
  String scheme;

  @Option(names = "--ways", defaultValue = "2", description = "Classes per episode (N).")
  int ways;

  @Option(
      names = "--shots",
      defaultValue = "5",
      description = "Support rows per class (K), one number or a range such as 1-10.")
  String shots;

  @Option(names = "--query", defaultValue = "10", description = "Query rows per class.")
  int query;

  @Option(names = "--episodes", defaultValue = "100", description = "Episodes to draw.")
  int episodes;

  @Option(names = "--seed", defaultValue = "0", description = "Seed; same seed, same episodes.")
  long seed;

  @Option(names = "--out", required = true, description = "JSON file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    String[] range = shots.split("-", 2);
    int min;
    int max;
    try {
      min = Integer.parseInt(range[0].trim());
      max = range.length == 2 ? Integer.parseInt(range[1].trim()) : min;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--shots must be K or MIN-MAX, got '" + shots + "'");
    }
    Episodes.Spec spec = new Episodes.Spec(ways, min, max, query, episodes, seed);
    Episodes.EpisodeSet set =
        Episodes.draw(dataset, task, SplitScheme.parse(scheme), Optional.ofNullable(split), spec);
    Episodes.save(set, out);
    long supportRows = set.episodes().stream().mapToLong(e -> e.support().size()).sum();
    long queryRows = set.episodes().stream().mapToLong(e -> e.query().size()).sum();
    System.out.printf(
        "%d episodes of %s/%s (%d-way, %s shots, %d query per class, seed %d): %d support and %d"
            + " query rows, patient-disjoint within each episode -> %s%n",
        set.episodes().size(),
        set.dataset(),
        task,
        ways,
        shots,
        query,
        seed,
        supportRows,
        queryRows,
        out);
    return ExitCodes.OK;
  }
}
