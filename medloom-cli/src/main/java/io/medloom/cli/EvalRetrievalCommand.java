package io.medloom.cli;

import io.medloom.learn.clip.ClipModel;
import io.medloom.learn.clip.Retrieval;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
  @Mixin EvalTarget target;

  @Option(names = "--out", description = "JSON output (default MODEL/eval/retrieval.json).")
  Path out;

  @Option(names = "--threads", defaultValue = "2", description = "Loader threads.")
  int threads;

  @Override
  public Integer call() throws Exception {
    Path json = out != null ? out : ClipEvalOutput.defaultOut(target.model, "retrieval");
    try (ClipModel m = ClipModel.load(target.model)) {
      Retrieval.Report r = Retrieval.run(m, target.dataset, target.scheme(), target.split, threads);
      ClipEvalOutput.write(json, r.json());
      System.out.print(ClipEvalOutput.table(r));
    }
    System.out.println("eval: " + json);
    return ExitCodes.OK;
  }
}
