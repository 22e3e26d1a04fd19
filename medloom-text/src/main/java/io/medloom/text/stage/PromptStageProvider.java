package io.medloom.text.stage;

import io.medloom.core.model.Label;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.pipeline.StageContext;
import io.medloom.core.pipeline.StageProvider;
import io.medloom.text.prompt.PromptGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives label-only samples a text (CXR-CLIP's idea): a sample without a report whose labels name
 * classes the prompt bank knows (the CheXpert observations, the phantom's findings and their
 * synonyms) gets a report-like {@code prompt} text drawn from the positive sentence pools of those
 * classes. Classes the bank does not know are left out rather than templated, so "benign" never
 * becomes "There is benign." The seed is the sample id, so the text is the same in every build.
 */
public final class PromptStageProvider implements StageProvider {
  private static final PromptGenerator GENERATOR = PromptGenerator.standard();

  @Override
  public int order() {
    return 110;
  }

  @Override
  public String name() {
    return "label-prompts";
  }

  @Override
  public Stage stage(StageContext context) {
    return Stage.of(name(), s -> apply(s, context.seed()));
  }

  static Sample apply(Sample s) {
    return apply(s, 0L);
  }

  /** The prompt draw depends on the sample id and the build seed only. */
  static Sample apply(Sample s, long buildSeed) {
    boolean hasReport =
        s.texts().stream()
            .anyMatch(t -> t.kind().startsWith("report.") || t.kind().equals("prompt"));
    if (hasReport || s.labels().isEmpty()) {
      return s;
    }
    Map<String, Integer> known = new LinkedHashMap<>();
    for (Label l : s.labels()) {
      if (l.task().startsWith("report_")) {
        continue; // read from a report, not a label to turn into text
      }
      if (l.index() < 0) { // multilabel: every named positive class
        List<String> positives = List.of(l.name().isEmpty() ? new String[0] : l.name().split(", "));
        for (String c : positives) {
          if (GENERATOR.bank().find(c).isPresent()) {
            known.put(c, 1);
          }
        }
      } else if (GENERATOR.bank().find(l.name()).isPresent()) {
        known.put(l.name(), 1);
      }
    }
    if (known.isEmpty()) {
      return s;
    }
    long seed = seedOf(s.id()) + buildSeed * 0x9E3779B97F4A7C15L;
    List<Text> texts = new ArrayList<>(s.texts());
    texts.add(GENERATOR.promptText(known, seed));
    return s.withTexts(texts);
  }

  private static long seedOf(String id) {
    long h = 1125899906842597L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }
}
