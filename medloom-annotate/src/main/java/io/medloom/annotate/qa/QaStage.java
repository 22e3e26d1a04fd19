package io.medloom.annotate.qa;

import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import io.medloom.core.pipeline.Stage;
import io.medloom.core.qa.QaPair;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code qa} stage: replaces a sample's earlier {@code qa} texts with a fresh conversation, one
 * {@code qa} text (the pair as JSON, origin {@link QaGenerator#ORIGIN}) per question. Re-running it
 * gives the same texts for the same seed, so an interrupted run is simply started again.
 */
public final class QaStage {
  public static final String KIND = "qa";

  private QaStage() {}

  public static Stage of(QaGenerator generator) {
    return Stage.of("qa", s -> apply(generator, s));
  }

  public static Sample apply(QaGenerator generator, Sample s) {
    List<Text> texts = new ArrayList<>();
    for (Text t : s.texts()) {
      if (!(t.kind().equals(KIND) && t.origin().equals(QaGenerator.ORIGIN))) {
        texts.add(t);
      }
    }
    for (QaPair p : generator.generate(s)) {
      texts.add(Text.of(KIND, p.toJson(), QaGenerator.ORIGIN));
    }
    return s.withTexts(texts);
  }

  /** The stored pairs of a sample, in conversation order. */
  public static List<QaPair> pairs(Sample s) {
    List<QaPair> out = new ArrayList<>();
    for (Text t : s.texts()) {
      if (t.kind().equals(KIND)) {
        out.add(QaPair.fromJson(t.text()));
      }
    }
    out.sort(java.util.Comparator.comparingInt(QaPair::turn));
    return out;
  }
}
