package io.medloom.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses report text into finding {@link Mention}s. Uses the findings, impression and header-less
 * ("other") sections — indication, history, comparison and technique are skipped, as they state the
 * question rather than the answer. A report without headers is read whole. Thread-safe and
 * immutable; lexicons and rules are loaded from resources once.
 */
public final class ReportParser {
  private static final ReportParser STANDARD = new ReportParser(Engine.standard());

  private final Engine engine;

  private ReportParser(Engine engine) {
    this.engine = engine;
  }

  /** The parser over the bundled resource lexicons. */
  public static ReportParser standard() {
    return STANDARD;
  }

  /** All mentions in report order; empty for null/blank text. */
  public List<Mention> mentions(String reportText) {
    List<Mention> out = new ArrayList<>();
    if (reportText == null) {
      return out;
    }
    Lexicon lex = engine.lex;
    String[] last = {null};
    int[] lastSent = {-1};
    engine.scan(
        reportText,
        (tag, obs, anatomy, existence, sentence, start, end, ss, se) -> {
          if (lastSent[0] != sentence) {
            lastSent[0] = sentence;
            last[0] = reportText.substring(ss, se);
          }
          out.add(
              new Mention(
                  lex.tagNames[tag],
                  obs < 0 ? "" : lex.observations.get(obs),
                  anatomy < 0 ? "" : lex.anatomyNames.get(anatomy),
                  existence == Engine.PRESENT
                      ? Existence.PRESENT
                      : existence == Engine.ABSENT ? Existence.ABSENT : Existence.UNCERTAIN,
                  sentence,
                  start,
                  end,
                  last[0]));
        });
    return out;
  }

  Engine engine() {
    return engine;
  }
}
