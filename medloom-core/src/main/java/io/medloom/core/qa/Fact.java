package io.medloom.core.qa;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notNull;

import java.util.Set;

/**
 * The stored fact a question is asked about, named so that {@code verify} can find it again in the
 * row and re-derive the answer.
 *
 * @param kind one of {@link #KINDS}
 * @param ref what the fact is about: a task name ({@code label}), a finding ({@code triplet}), a
 *     region id ({@code roi.*}); "" for {@code modality} and {@code body_part}
 * @param value the class a {@code label} question asks about; "" otherwise
 */
public record Fact(String kind, String ref, String value) {
  /**
   * {@code modality}, {@code body_part}: columns; {@code label}: a class of a task; {@code
   * triplet}: a finding's existence in the report; {@code roi.location} (side + zone, or the image
   * grid), {@code roi.side} (patient side), {@code roi.zone} (lung zone), {@code roi.image_side}
   * (left / centre / right third of the image), {@code roi.size} (size class), {@code roi.organ}
   * (the structure holding most of the region): measured from the region's mask.
   */
  public static final Set<String> KINDS =
      Set.of(
          "modality",
          "body_part",
          "label",
          "triplet",
          "roi.location",
          "roi.side",
          "roi.zone",
          "roi.image_side",
          "roi.size",
          "roi.organ");

  public Fact {
    checkArgument(KINDS.contains(kind), "fact kind must be one of %s: '%s'", KINDS, kind);
    notNull(ref, "fact ref");
    notNull(value, "fact value");
    checkArgument(
        !kind.startsWith("roi.") || !ref.isEmpty(), "a region fact needs the region id: %s", kind);
  }

  public boolean aboutRegion() {
    return kind.startsWith("roi.");
  }
}
