package io.medloom.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.medloom.core.image.RegionLocation;
import io.medloom.core.model.Triplet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a stored region description must pass: its location words (side, zone, apex /
 * costophrenic, image grid) are the region's location, and it does not describe a finding the
 * sample's own report rules out. {@code verify} passes the location recomputed from the stored mask
 * ({@link RegionLocation}, the annotator's own rule), so a description is checked against the
 * pixels, not against attributes stored next to it; the viewer's review queue passes the stored
 * {@code attr.loc.*} (failing texts are reviewed first).
 */
public final class RegionTextCheck {
  private static final Pattern SIDE_WORD = Pattern.compile("\\b(right|left|midline)\\b");
  private static final Pattern ZONE_WORD = Pattern.compile("\\b(upper|middle|lower) zones?\\b");
  private static final Pattern REGION_WORD = Pattern.compile("\\b(apex|apical|costophrenic)\\b");
  private static final Pattern GRID_PHRASE =
      Pattern.compile(
          "\\b(?:(upper|middle|lower)-(left|centre|right) part|(centre)) of the image\\b");

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

  /** The problems of {@code text} against the stored attributes of {@code roi}. */
  public static List<String> problems(String text, JsonNode roi, Set<String> ruledOut) {
    JsonNode a = roi.path("attributes");
    RegionLocation.Location stored =
        new RegionLocation.Location(
            a.path("attr.loc.side").asText(""),
            a.path("attr.loc.zone").asText(""),
            a.path("attr.loc.region").asText(""),
            a.path("attr.loc.grid").asText(""),
            1);
    return problems(text, roi.path("label").asText(), stored, ruledOut);
  }

  /** What is wrong with {@code text} as a description of a region at {@code where}. */
  public static List<String> problems(
      String text, String label, RegionLocation.Location where, Set<String> ruledOut) {
    List<String> out = new ArrayList<>();
    String t = text.toLowerCase(Locale.ROOT);
    String l = label.toLowerCase(Locale.ROOT);
    if (ruledOut.contains(l)) {
      out.add("describes a " + l + " but the report rules it out");
    }
    // The image-grid phrase is a claim of its own; its words are image sides, not the patient's.
    Matcher grid = GRID_PHRASE.matcher(t);
    while (grid.find()) {
      String claimed =
          grid.group(3) != null ? "middle centre" : grid.group(1) + " " + grid.group(2);
      if (!claimed.equals(where.grid())) {
        out.add(
            "says '"
                + grid.group()
                + "' but the region is in the image's '"
                + where.grid()
                + "' part");
      }
    }
    String rest = GRID_PHRASE.matcher(t).replaceAll("grid");
    // Without a patient side (lateral views, non-chest images) left/right words describe the
    // image position and must come from the 3x3 grid position instead.
    String allowedSides = where.side().isEmpty() ? where.grid() : where.side();
    Matcher sides = SIDE_WORD.matcher(rest);
    while (sides.find()) {
      if (!List.of(allowedSides.split(" ")).contains(sides.group(1))) {
        out.add("says '" + sides.group(1) + "' but the region is on '" + allowedSides + "'");
      }
    }
    Matcher zones = ZONE_WORD.matcher(rest);
    while (zones.find()) {
      if (!zones.group(1).equals(where.zone())) {
        out.add("says '" + zones.group() + "' but the region is in zone '" + where.zone() + "'");
      }
    }
    Matcher regions = REGION_WORD.matcher(rest);
    while (regions.find()) {
      String claimed = regions.group(1).equals("costophrenic") ? "costophrenic angle" : "apex";
      if (!claimed.equals(where.region())) {
        out.add("says '" + regions.group(1) + "' but the region is not at the " + claimed);
      }
    }
    return out;
  }
}
