package io.medloom.core.model;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;
import static io.medloom.core.Checks.notNull;

import java.util.Optional;
import java.util.Set;

/**
 * A piece of text attached to a sample.
 *
 * @param kind one of {@link #KINDS}
 * @param text the text itself
 * @param origin who wrote it: {@code source} (came with the data), {@code phantom}, or the name of
 *     the generator that composed it
 * @param roiId the region a {@code desc.roi} text describes
 */
public record Text(String kind, String text, String origin, Optional<String> roiId) {
  public static final Set<String> KINDS =
      Set.of(
          "report.findings",
          "report.impression",
          "report.indication",
          "clinical_notes",
          "caption",
          "prompt",
          "desc.global",
          "desc.roi",
          "desc.relation",
          "desc.full",
          "qa");

  public Text {
    checkArgument(KINDS.contains(kind), "text kind must be one of %s: '%s'", KINDS, kind);
    notNull(text, "text");
    notBlank(origin, "text origin");
    notNull(roiId, "text roi id");
    checkArgument(
        kind.equals("desc.roi") == roiId.isPresent(),
        "text kind '%s' %s a roi id",
        kind,
        roiId.isPresent() ? "must not have" : "needs");
  }

  public static Text of(String kind, String text, String origin) {
    return new Text(kind, text, origin, Optional.empty());
  }
}
