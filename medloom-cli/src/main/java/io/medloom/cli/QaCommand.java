package io.medloom.cli;

import io.medloom.annotate.qa.QaGenerator;
import io.medloom.annotate.qa.QaReviews;
import io.medloom.annotate.qa.QaStage;
import io.medloom.annotate.qa.QaTemplates;
import io.medloom.core.model.DatasetInfo;
import io.medloom.engine.StageRerun;
import io.medloom.store.DatasetReader;
import io.medloom.store.review.Review;
import io.medloom.store.review.ReviewLog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "qa",
    mixinStandardHelpOptions = true,
    description = {
      "Adds question-answer pairs to a finished dataset, as 'qa' texts: one conversation per",
      "image (global questions, then regions, then relations) whose answers are right by",
      "construction from stored facts: labels, report triplets (present -> yes, absent -> no),",
      "modality and body part, and each region's measured side, zone, image part, size class",
      "and containing structure. Closed (yes/no, balanced per image), choice and open questions,",
      "phrased from a seeded template bank; each pair names its fact and the fact's origin",
      "(labelled, measured, generated, reviewed). Facts below --min-confidence, and regions or",
      "labels rejected in review (reviews.jsonl), are not asked about. Run 'annotate' first",
      "(builds do) so that regions have their measurements. Re-running replaces earlier pairs;",
      "an interrupted run is resumed by running it again. 'verify' re-derives every answer."
    },
    footer = {
      "",
      "Examples:",
      "  ./medloom qa /tmp/m1/dataset",
      "  ./medloom qa /tmp/m1/dataset --per-sample 12 --seed 7",
      "  ./medloom export /tmp/m1/dataset --format llava --out /tmp/m1/llava"
    })
final class QaCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DATASET", description = "Dataset directory.")
  Path dataset;

  @Option(
      names = "--per-sample",
      paramLabel = "K",
      defaultValue = "8",
      description = "At most K questions per image (default ${DEFAULT-VALUE}).")
  int perSample;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of phrasings and of which facts are picked (default: the build's seed).")
  Long seed;

  @Option(
      names = "--min-confidence",
      paramLabel = "C",
      defaultValue = "0.75",
      description = {
        "Leave out region facts less sure than C in [0, 1] (default ${DEFAULT-VALUE}): the",
        "word's margin (attr.confidence.*) times the region's own score."
      })
  double minConfidence;

  @Override
  public Integer call() throws Exception {
    if (perSample < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--per-sample must be at least 1: " + perSample);
    }
    if (minConfidence < 0 || minConfidence > 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--min-confidence must be in [0, 1]: " + minConfidence);
    }
    DatasetInfo info;
    try (DatasetReader reader = DatasetReader.open(dataset)) {
      info = reader.info();
    }
    long s = seed != null ? seed : info.build().seed();
    ReviewLog.Contents log = new ReviewLog(dataset).read();
    QaGenerator generator =
        new QaGenerator(
            info.tasks(),
            new QaGenerator.Config(perSample, s, minConfidence),
            QaTemplates.load(),
            decisions(log.reviews()));
    StageRerun.Result r =
        StageRerun.run(dataset, List.of(QaStage.of(generator)), ConsoleProgress.forStderr());
    System.out.println(
        "qa: "
            + r.rows()
            + " rows rewritten, "
            + r.keptUnchanged()
            + " kept unchanged"
            + (r.problems().isEmpty() ? "" : " " + r.problems()));
    System.out.println(generator.tally().summary());
    return ExitCodes.OK;
  }

  /** The last decision per region or label target of the review log. */
  static QaReviews decisions(List<Review> reviews) {
    Map<String, String> last = new HashMap<>();
    for (Review r : reviews) {
      String ref = r.target().type().equals("roi") ? r.target().roiId() : r.target().task();
      if (!r.target().type().equals("text")) {
        last.put(r.sampleId() + "\u0000" + r.target().type() + "\u0000" + ref, r.action());
      }
    }
    return new QaReviews() {
      @Override
      public boolean rejected(String sampleId, String type, String ref) {
        return "reject".equals(last.get(sampleId + "\u0000" + type + "\u0000" + ref));
      }

      @Override
      public boolean reviewed(String sampleId, String type, String ref) {
        String a = last.get(sampleId + "\u0000" + type + "\u0000" + ref);
        return "accept".equals(a) || "correct".equals(a);
      }
    };
  }
}
