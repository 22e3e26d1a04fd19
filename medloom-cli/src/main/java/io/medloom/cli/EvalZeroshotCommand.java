package io.medloom.cli;

import io.medloom.learn.clip.ClipModel;
import io.medloom.learn.clip.PromptSets;
import io.medloom.learn.clip.ZeroShot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "zeroshot",
    mixinStandardHelpOptions = true,
    description = {
      "Zero-shot classification with a vision–language model: prompt sets from the text engine",
      "per class, AUROC per class, macro AUROC, accuracy and F1; a table on stdout and JSON in",
      "FILE (default MODEL/eval/zeroshot.json)."
    },
    footer = {"", "Example:", "  ./medloom eval zeroshot /tmp/m2-clip /tmp/m2 --task findings"})
final class EvalZeroshotCommand implements Callable<Integer> {
  @Mixin EvalTarget target;

  @Option(names = "--task", required = true, description = "Task whose classes are prompted.")
  String task;

  @Option(names = "--out", description = "JSON output (default MODEL/eval/zeroshot.json).")
  Path out;

  @Option(names = "--threads", defaultValue = "2", description = "Loader threads.")
  int threads;

  @Option(
      names = "--prompts",
      defaultValue = "dataset",
      description = {
        "dataset: sentences of the training split's reports that the text engine reads as",
        "asserting or denying the class (for label-only datasets the sentence pools their texts",
        "were composed from), else the template; template: CXR-CLIP's severity x subtype x",
        "location templates and \"X\" / \"No X\" pairs (default ${DEFAULT-VALUE})."
      })
  String prompts;

  @Override
  public Integer call() throws Exception {
    Path json = out != null ? out : ClipEvalOutput.defaultOut(target.model, "zeroshot");
    try (ClipModel m = ClipModel.load(target.model)) {
      ZeroShot.Report r =
          ZeroShot.run(
              m,
              target.dataset,
              target.scheme(),
              target.split,
              task,
              threads,
              PromptSets.Source.parse(prompts));
      ClipEvalOutput.write(json, ClipEvalOutput.json(r));
      System.out.print(ClipEvalOutput.table(r));
    }
    System.out.println("eval: " + json);
    return ExitCodes.OK;
  }
}
