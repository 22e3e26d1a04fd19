package io.medloom.text.stage;

import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Task;
import io.medloom.core.model.TaskTarget;
import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StageProvider;
import io.medloom.text.ChexpertLabeler;
import io.medloom.text.TripletExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds what the report text engine reads from a sample's report to every build: the 14 CheXpert
 * observations as two multilabel tasks ({@code report_positive}: observations stated present,
 * {@code report_uncertain}: stated as uncertain; an observation in neither was negated or not
 * mentioned) and the report's ⟨anatomy, finding, existence⟩ triplets. Samples without a report (no
 * {@code report.findings} or {@code report.impression} text) pass through unchanged.
 */
public final class ReportTextStageProvider implements StageProvider {
  public static final Task POSITIVE =
      Task.of("report_positive", TaskTarget.MULTILABEL, ChexpertLabeler.OBSERVATIONS);
  public static final Task UNCERTAIN =
      Task.of("report_uncertain", TaskTarget.MULTILABEL, ChexpertLabeler.OBSERVATIONS);

  private static final ChexpertLabeler LABELER = ChexpertLabeler.standard();
  private static final TripletExtractor TRIPLETS = TripletExtractor.standard();

  @Override
  public int order() {
    return 100;
  }

  @Override
  public String name() {
    return "report-text";
  }

  @Override
  public List<Task> tasks() {
    return List.of(POSITIVE, UNCERTAIN);
  }

  @Override
  public Stage stage(StageContext context) { // labels follow the report alone
    return Stage.of(name(), ReportTextStageProvider::apply);
  }

  /**
   * The findings and impression sections, each under its header (so the section splitter sees them
   * as such), in that order: what report labelers read.
   */
  static String report(Sample s) {
    StringBuilder sb = new StringBuilder();
    for (String kind : List.of("report.findings", "report.impression")) {
      for (Text t : s.texts()) {
        if (t.kind().equals(kind) && !t.text().isBlank()) {
          sb.append(sb.length() > 0 ? "\n" : "")
              .append(kind.substring("report.".length()).toUpperCase(java.util.Locale.ROOT))
              .append(": ")
              .append(t.text().strip());
        }
      }
    }
    return sb.toString();
  }

  static Sample apply(Sample s) {
    String report = report(s);
    if (report.isEmpty()) {
      return s;
    }
    Map<String, Integer> labels = LABELER.label(report);
    List<String> positive = new ArrayList<>();
    List<String> uncertain = new ArrayList<>();
    labels.forEach(
        (observation, value) -> {
          if (value == 1) {
            positive.add(observation);
          } else if (value == -1) {
            uncertain.add(observation);
          }
        });
    List<Label> all = new ArrayList<>(s.labels());
    all.removeIf(l -> l.task().equals(POSITIVE.name()) || l.task().equals(UNCERTAIN.name()));
    all.add(Label.multi(POSITIVE, positive));
    all.add(Label.multi(UNCERTAIN, uncertain));
    List<Triplet> triplets = new ArrayList<>();
    for (io.medloom.text.Triplet t : TRIPLETS.extract(report)) {
      triplets.add(new Triplet(t.anatomy(), t.finding(), t.existence(), t.sentence()));
    }
    return s.withLabels(all).withTriplets(triplets);
  }
}
