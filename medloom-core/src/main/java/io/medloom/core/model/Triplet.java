package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

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
}
