package io.medloom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.model.Triplet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a stored region description must pass, on the stored form (JSON of the row's ROI and
 * triplets): its side and zone words are the region's measured {@code attr.loc.side} / {@code
 * attr.loc.zone}, and it does not describe a finding the sample's own report rules out. Used by
 * {@code verify} and by the viewer's review queue (failing texts are reviewed first).
 */
public final class RegionTextCheck {
  private static final Pattern SIDE_WORD = Pattern.compile("\\b(right|left)\\b");
  private static final Pattern ZONE_WORD = Pattern.compile("\\b(upper|middle|lower) zone\\b");

  private RegionTextCheck() {}

  /** {@link Triplet#ruledOut} over the stored JSON form of a row's triplets. */
  public static Set<String> ruledOut(JsonNode triplets) {
    List<Triplet> list = new ArrayList<>();
    for (JsonNode t : triplets) {
      list.add(
          new Triplet(
              t.path("anatomy").asText(""),
              t.path("finding").asText(),
              t.path("existence").asText(),
              t.path("sentence").asText("")));
    }
    return Triplet.ruledOut(list);
  }

  /** What is wrong with {@code text} as a description of {@code roi}; empty when nothing is. */
  public static List<String> problems(String text, JsonNode roi, Set<String> ruledOut) {
    List<String> out = new ArrayList<>();
    String t = text.toLowerCase(Locale.ROOT);
    String label = roi.path("label").asText().toLowerCase(Locale.ROOT);
    if (ruledOut.contains(label)) {
      out.add("describes a " + label + " but the report rules it out");
    }
    JsonNode attrs = roi.path("attributes");
    String side = attrs.path("attr.loc.side").asText("");
    String zone = attrs.path("attr.loc.zone").asText("");
    // Without a patient side (lateral views, non-chest images) left/right words describe the
    // image position and must come from the 3x3 grid position instead.
    String allowedSides = side.isEmpty() ? attrs.path("attr.loc.grid").asText("") : side;
    Matcher sides = SIDE_WORD.matcher(t);
    while (sides.find()) {
      if (!allowedSides.contains(sides.group(1))) {
        out.add("says '" + sides.group(1) + "' but the region is on '" + allowedSides + "'");
      }
    }
    Matcher zones = ZONE_WORD.matcher(t);
    while (zones.find()) {
      if (!zone.isEmpty() && !zones.group(1).equals(zone)) {
        out.add("says '" + zones.group() + "' but the region is in zone '" + zone + "'");
      }
    }
    return out;
  }
}
