package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** An ⟨anatomy, finding, existence⟩ fact read from a report sentence. */
public record Triplet(String anatomy, String finding, String existence, String sentence) {
  public static final Set<String> EXISTENCE = Set.of("present", "absent", "uncertain");

  public Triplet {
    notNull(anatomy, "triplet anatomy");
    notBlank(finding, "triplet finding");
    checkArgument(
        EXISTENCE.contains(existence),
        "triplet existence must be one of %s: '%s'",
        EXISTENCE,
        existence);
    notNull(sentence, "triplet sentence");
  }

  /**
   * Findings (lower case) a report rules out: some triplet says absent and none says present or
   * uncertain (a report may deny a finding in one place and hedge it in another). Generated text
   * must not describe them; the composer, the rephraser check and {@code verify} all use this.
   */
  public static Set<String> ruledOut(Iterable<Triplet> triplets) {
    Set<String> absent = new HashSet<>();
    Set<String> mentioned = new HashSet<>();
    for (Triplet t : triplets) {
      String f = t.finding().toLowerCase(Locale.ROOT);
      (t.existence().equals("absent") ? absent : mentioned).add(f);
    }
    absent.removeAll(mentioned);
    return absent;
  }
}
