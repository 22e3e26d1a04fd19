package io.medloom.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ⟨anatomy, finding, existence⟩ triplets, one per distinct mention (same finding, anatomy,
 * existence and span counted once). Example: "No focal consolidation in the right lower lobe."
 * gives ⟨right lower zone, consolidation, absent⟩. Thread-safe.
 */
public final class TripletExtractor {
  private static final TripletExtractor STANDARD = new TripletExtractor(ReportParser.standard());

  private final ReportParser parser;

  private TripletExtractor(ReportParser parser) {
    this.parser = parser;
  }

  public static TripletExtractor standard() {
    return STANDARD;
  }

  public List<Triplet> extract(String reportText) {
    List<Triplet> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Mention m : parser.mentions(reportText)) {
      String key =
          m.finding()
              + '\u0001'
              + m.anatomy()
              + '\u0001'
              + m.existence()
              + '\u0001'
              + m.start()
              + '\u0001'
              + m.end();
      if (seen.add(key)) {
        out.add(
            new Triplet(
                m.anatomy(),
                m.finding(),
                m.existence().wireName(),
                m.sentenceText(),
                new int[] {m.start(), m.end()}));
      }
    }
    return out;
  }
}
