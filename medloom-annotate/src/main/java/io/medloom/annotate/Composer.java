package io.medloom.annotate;

import io.medloom.core.model.Roi;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes the multigranular descriptions of a sample from its measured ROI attributes: {@code
 * desc.global}, one {@code desc.roi} per finding ROI, {@code desc.relation} and {@code desc.full}
 * (MedTrinity's five slots: modality; organ &amp; tissue; ROI location &amp; description; colour
 * &amp; texture, closed by the {@link KnowledgeBase} definition of each finding named;
 * relationships). Phrasing varies with a seeded RNG so a dataset does not repeat one template, yet
 * the same seed gives the same text. Every ROI-level sentence must pass {@link ConsistencyCheck};
 * one that does not is dropped and counted.
 */
public final class Composer {
  public static final String ORIGIN = "composer:1";

  /** The texts written and the number of ROI sentences dropped by the consistency check. */
  public record Composition(List<Text> texts, int rejected) {}

  private static final Set<String> BONES = Set.of("ribs", "clavicles", "spine", "sternum");

  private Composer() {}

  public static List<Text> compose(
      Sample s, Map<String, Map<String, String>> attrsByRoiId, long seed) {
    return composeCounted(s, attrsByRoiId, seed).texts();
  }

  public static Composition composeCounted(
      Sample s, Map<String, Map<String, String>> attrsByRoiId, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Text> out = new ArrayList<>();
    String global = global(s, rnd);
    out.add(Text.of("desc.global", global, ORIGIN));
    List<String> roiSentences = new ArrayList<>();
    List<String> looks = new ArrayList<>();
    List<String> relations = new ArrayList<>();
    int rejected = 0;
    Set<String> ruledOut = io.medloom.core.model.Triplet.ruledOut(s.triplets());
    List<String> outlined = new ArrayList<>();
    for (Roi r : s.rois()) {
      Map<String, String> a = attrsByRoiId.get(r.id());
      if (a != null && Anatomy.isModelAnatomy(r)) {
        String desc = modelAnatomy(r, rnd);
        if (ConsistencyCheck.agrees(desc, a)) {
          out.add(new Text("desc.roi", desc, ORIGIN, Optional.of(r.id())));
          outlined.add(desc);
        } else {
          rejected++;
        }
        continue;
      }
      if (Anatomy.isAnatomy(r) || a == null) {
        continue;
      }
      String label = r.label().toLowerCase(java.util.Locale.ROOT);
      if (ruledOut.contains(label)) {
        // The image's own report says this finding is absent: a caption naming it would
        // contradict the report, so nothing is said about the region and the drop is counted.
        rejected++;
        continue;
      }
      String desc = roi(label, a, rnd);
      if (ConsistencyCheck.agrees(desc, a)) {
        out.add(new Text("desc.roi", desc, ORIGIN, Optional.of(r.id())));
        roiSentences.add(desc);
      } else {
        rejected++;
        // The region sentence carries the appearance; without it the full text says it once here.
        String look = look(label, a);
        if (!look.isEmpty() && !looks.contains(look) && ConsistencyCheck.agrees(look, a)) {
          looks.add(look);
        }
      }
      String rel = relation(label, a, s, rnd);
      if (!rel.isEmpty()) {
        if (ConsistencyCheck.agrees(rel, a)) {
          relations.add(rel);
        } else {
          rejected++;
        }
      }
    }
    if (!relations.isEmpty()) {
      out.add(Text.of("desc.relation", String.join(" ", relations), ORIGIN));
    }
    List<String> full = new ArrayList<>();
    full.add(global);
    full.add(organs(s));
    full.addAll(outlined);
    full.add(
        roiSentences.isEmpty()
            ? "No focal region of interest is marked."
            : String.join(" ", roiSentences));
    List<String> disease = new ArrayList<>(looks);
    disease.addAll(knowledge(s, ruledOut));
    if (!disease.isEmpty()) {
      full.add(String.join(" ", disease));
    }
    if (!relations.isEmpty()) {
      full.add(String.join(" ", relations));
    }
    out.add(Text.of("desc.full", String.join(" ", full), ORIGIN));
    return new Composition(List.copyOf(out), rejected);
  }

  /**
   * "Chest radiograph, PA view." and variants; only modality, body part and view. An image whose
   * modality is not recorded says so rather than a bare "Image.".
   */
  static String global(Sample s, SplittableRandom rnd) {
    String text = globalWords(s, rnd);
    return Phrases.knownModality(s.modality())
        ? text
        : text.substring(0, text.length() - 1) + ", modality not recorded.";
  }

  private static String globalWords(Sample s, SplittableRandom rnd) {
    String mod = Phrases.modality(s.modality());
    String body = Phrases.bodyPart(s.bodyPart());
    String view = Phrases.view(s.view());
    String what = body.isEmpty() ? mod : body + " " + mod;
    int pick = rnd.nextInt(3);
    if (view.isEmpty()) {
      return pick == 0 || body.isEmpty()
          ? Phrases.capitalize(what) + "."
          : Phrases.capitalize(mod) + " of the " + body + ".";
    }
    return switch (pick) {
      case 0 -> Phrases.capitalize(what) + ", " + view + " view.";
      case 1 ->
          Phrases.capitalize(mod)
              + (body.isEmpty() ? "" : " of the " + body)
              + ", "
              + view
              + " projection.";
      default -> Phrases.capitalize(Phrases.article(view)) + " " + view + " " + what + ".";
    };
  }

  /** The anatomy present, side words dropped ("right lung" + "left lung" -> "lungs"). */
  static String organs(Sample s) {
    Set<String> names = new LinkedHashSet<>();
    for (Roi r : s.rois()) {
      if (Anatomy.isAnatomy(r) && !Anatomy.isLungZone(r)) {
        names.add(Anatomy.sideless(r.label().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    List<String> list = new ArrayList<>();
    for (String n : names) {
      boolean paired =
          s.rois().stream()
                  .filter(Anatomy::isAnatomy)
                  .filter(r -> !Anatomy.isLungZone(r))
                  .filter(
                      r -> Anatomy.sideless(r.label().toLowerCase(java.util.Locale.ROOT)).equals(n))
                  .count()
              > 1;
      list.add(paired && !n.endsWith("s") ? n + "s" : n);
    }
    if (list.isEmpty()) {
      String body = Phrases.bodyPart(s.bodyPart());
      return body.isEmpty()
          ? "The imaged region is not specified."
          : "The imaged region is the " + body + ".";
    }
    return "The image shows the " + join(list) + ".";
  }

  /**
   * A region a model outlined on anatomy the image came without (e.g. a lung field on a real film):
   * what it is, which model and how sure, and its share of the image. The side is said as the
   * patient's side, the one word the consistency check and {@code verify} hold it to.
   */
  static String modelAnatomy(Roi r, SplittableRandom rnd) {
    String label = r.label().toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^(right|left) (.+)$").matcher(label);
    String what = m.matches() ? m.group(2) : label;
    String side = m.matches() ? " on the patient's " + m.group(1) + " side" : "";
    String noun = what.equals("lung") ? "lung field" : what;
    String model = r.attributes().getOrDefault("model", r.origin());
    String pct = String.format(java.util.Locale.ROOT, "%.0f%%", 100 * r.areaFraction());
    String conf = String.format(java.util.Locale.ROOT, "%.2f", r.confidence());
    return switch (rnd.nextInt(2)) {
      case 0 ->
          Phrases.capitalize(Phrases.article(noun))
              + " "
              + noun
              + side
              + ", outlined by the segmentation model "
              + model
              + " (confidence "
              + conf
              + "), covers "
              + pct
              + " of the image.";
      default ->
          "The segmentation model "
              + model
              + " outlines the "
              + noun
              + side
              + " (confidence "
              + conf
              + "); it covers "
              + pct
              + " of the image.";
    };
  }

  static String roi(String label, Map<String, String> a, SplittableRandom rnd) {
    boolean plural = Phrases.isPlural(label);
    String loc = Phrases.location(a);
    String size =
        a.containsKey("size.area_fraction") ? Phrases.size(d(a, "size.area_fraction")) : "";
    String shape =
        a.containsKey("shape.circularity")
            ? Phrases.shape(d(a, "shape.circularity"), d(a, "shape.elongation"))
            : "";
    String adj = size.isEmpty() || shape.isEmpty() ? (size + shape) : size + ", " + shape;
    String noun = (adj.isEmpty() ? "" : adj + " ") + label;
    String intensity = a.getOrDefault("intensity.relative", "");
    String appearance = Phrases.appearance(intensity, a.getOrDefault("texture", ""));
    // "hypodense relative to its surroundings"; the neutral words already say "than the tissue".
    String relative =
        Phrases.comparative(intensity)
            ? "."
            : plural ? " relative to their surroundings." : " relative to its surroundings.";
    String where = loc.isEmpty() ? "" : " " + loc;
    String lies =
        loc.startsWith("projecting")
            ? Phrases.verb(label, " is seen", " are seen")
            : Phrases.verb(label, " lies", " lie");
    return switch (rnd.nextInt(3)) {
      case 0 ->
          (plural
                  ? Phrases.capitalize(noun)
                  : Phrases.capitalize(Phrases.article(noun)) + " " + noun)
              + where
              + (appearance.isEmpty() ? "." : ", " + appearance + relative);
      case 1 ->
          (loc.isEmpty() ? "There " : Phrases.capitalize(loc) + " there ")
              + (plural ? "are " + noun : "is " + Phrases.article(noun) + " " + noun)
              + (appearance.isEmpty()
                  ? "."
                  : (plural ? "; they are " : "; it is ") + appearance + ".");
      default ->
          "The "
              + label
              + (adj.isEmpty() ? "" : ", " + adj + ",")
              + lies
              + (loc.isEmpty() ? " in the image" : where)
              + (appearance.isEmpty() ? "." : ", appearing " + appearance + ".");
    };
  }

  /**
   * Slot 4 (colour &amp; texture): appearance only, no location words. Used in the full text only
   * for a region whose own sentence (which says the same) was dropped.
   */
  static String look(String label, Map<String, String> a) {
    String appearance =
        Phrases.appearance(a.getOrDefault("intensity.relative", ""), a.getOrDefault("texture", ""));
    if (appearance.isEmpty()) {
      return "";
    }
    return "The " + label + Phrases.verb(label, " appears ", " appear ") + appearance + ".";
  }

  /**
   * Slot 4's knowledge: the definition of each distinct finding named by an ROI label, once, when
   * the knowledge base has it. A definition must make no location or appearance claim at all (it
   * has to pass the check against no attributes); one that does is left out.
   */
  static List<String> knowledge(Sample s, Set<String> ruledOut) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> out = new ArrayList<>();
    for (Roi r : s.rois()) {
      if (Anatomy.isAnatomy(r) || ruledOut.contains(r.label().toLowerCase(java.util.Locale.ROOT))) {
        continue;
      }
      KnowledgeBase.standard()
          .lookup(r.label())
          .filter(e -> e.kind().equals("finding") && seen.add(e.name()))
          .map(KnowledgeBase.Entry::definition)
          .filter(d -> ConsistencyCheck.agrees(d, Map.of()))
          .ifPresent(out::add);
    }
    return out;
  }

  /**
   * "The nodule lies within the right lung, touching the heart." and variants; "" without anatomy.
   */
  static String relation(String label, Map<String, String> a, Sample s, SplittableRandom rnd) {
    String organ = a.getOrDefault("loc.organ", "");
    List<String> touching = new ArrayList<>();
    for (String n : a.getOrDefault("neighbours", "").split(",")) {
      if (!n.isBlank() && !n.equals(organ) && !BONES.contains(n)) {
        touching.add(n);
      }
    }
    if (organ.isEmpty() && touching.isEmpty()) {
      return "";
    }
    boolean within = !organ.isEmpty() && d(a, "loc.organ_share") >= 0.5;
    boolean hasHeart = s.rois().stream().anyMatch(r -> r.label().equalsIgnoreCase("heart"));
    String away =
        hasHeart && !organ.equals("heart") && !touching.contains("heart") && rnd.nextBoolean()
            ? ", away from the heart"
            : "";
    String touch = touching.isEmpty() ? "" : ", touching the " + join(touching);
    String verb =
        organ.isEmpty()
            ? ""
            : within
                ? (rnd.nextBoolean()
                        ? Phrases.verb(label, " lies within the ", " lie within the ")
                        : Phrases.verb(label, " is contained in the ", " are contained in the "))
                    + organ
                : Phrases.verb(label, " overlaps the ", " overlap the ") + organ;
    if (verb.isEmpty()) {
      return "The "
          + label
          + Phrases.verb(label, " touches the ", " touch the ")
          + join(touching)
          + away
          + ".";
    }
    return "The " + label + verb + touch + away + ".";
  }

  private static String join(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static double d(Map<String, String> a, String key) {
    return Double.parseDouble(a.getOrDefault(key, "0"));
  }
}
