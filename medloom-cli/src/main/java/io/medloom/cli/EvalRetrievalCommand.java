package io.medloom.cli;

import io.medloom.learn.clip.ClipModel;
import io.medloom.learn.clip.Retrieval;
import io.medloom.store.read.SplitScheme;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "retrieval",
    mixinStandardHelpOptions = true,
    description = {
      "Image->text and text->image retrieval with a vision–language model over one split",
      "(identical texts merged): R@1/5/10 and mean rank; a table on stdout and JSON in FILE",
      "(default MODEL/eval/retrieval.json)."
    },
    footer = {"", "Example:", "  ./medloom eval retrieval /tmp/m2-clip /tmp/m2"})
final class EvalRetrievalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder (from train clip).")
  Path model;

  @Parameters(index = "1", paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(
      names = "--split",
      defaultValue = "test",
      description = "Split (default ${DEFAULT-VALUE}).")
  String split;

  @Option(
      names = "--splits",
      defaultValue = "medloom",
      description = "medloom (the split column) or original (the source's own).")
  String splits;

  @Option(names = "--out", description = "JSON output (default MODEL/eval/retrieval.json).")
  Path out;

  @Option(names = "--threads", defaultValue = "2", description = "Loader threads.")
  int threads;

  @Override
  public Integer call() throws Exception {
    Path json = out != null ? out : ClipEvalOutput.defaultOut(model, "retrieval");
    try (ClipModel m = ClipModel.load(model)) {
      Retrieval.Report r = Retrieval.run(m, dataset, SplitScheme.parse(splits), split, threads);
      ClipEvalOutput.write(json, r.json());
      System.out.print(ClipEvalOutput.table(r));
    }
    System.out.println("eval: " + json);
    return ExitCodes.OK;
  }
}
