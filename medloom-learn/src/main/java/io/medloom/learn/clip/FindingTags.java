package io.medloom.learn.clip;

import io.medloom.core.model.Label;
import io.medloom.core.model.Task;
import io.medloom.core.model.Triplet;
import java.util.List;
import java.util.Locale;

/**
 * ASG's 40 finding tags (its {@code main.py} list, in that order) and a sample's tag vector: 1 for
 * a tag some report triplet says is present, else 0 (absent and uncertain are 0, as ASG's loss sets
 * its -1 to 0). Samples without triplets take their tags from the names of their positive classes
 * ("Pleural Effusion" → "pleural effusion", "Pneumonia" → "pneumonia").
 */
public final class FindingTags {
  public static final List<String> TAGS =
      List.of(
          "pleural effusion",
          "opacity",
          "pneumothorax",
          "edema",
          "atelectasis",
          "tube",
          "consolidation",
          "enlarged cardiomediastinum",
          "tip",
          "pneumonia",
          "line",
          "cardiomegaly",
          "fracture",
          "calcification",
          "device",
          "engorgement",
          "nodule",
          "wire",
          "pacemaker",
          "pleural thicken",
          "marking",
          "scar",
          "hyperinflate",
          "blunt",
          "collapse",
          "emphysema",
          "aerate",
          "mass",
          "infiltration",
          "obscure",
          "deformity",
          "hernia",
          "drainage",
          "distention",
          "shift",
          "stent",
          "lesion",
          "hardware",
          "dilation",
          "aspiration");

  private FindingTags() {}

  /** The tag vector of a sample (40 floats). */
  public static float[] of(List<Triplet> triplets, List<Label> labels, List<Task> tasks) {
    float[] out = new float[TAGS.size()];
    if (!triplets.isEmpty()) {
      for (Triplet t : triplets) {
        if (t.existence().equals("present")) {
          mark(out, t.finding());
        }
      }
      return out;
    }
    for (Label l : labels) {
      Task task = tasks.stream().filter(t -> t.name().equals(l.task())).findFirst().orElse(null);
      if (task == null) {
        continue;
      }
      for (int i : l.indices()) {
        String name = task.classes().get(i);
        if (name != null) {
          mark(out, name);
        }
      }
    }
    return out;
  }

  /** The tags a finding or class name names (indices into {@link #TAGS}). */
  static List<Integer> indices(String finding) {
    float[] v = new float[TAGS.size()];
    mark(v, finding);
    List<Integer> out = new java.util.ArrayList<>();
    for (int k = 0; k < v.length; k++) {
      if (v[k] > 0) {
        out.add(k);
      }
    }
    return out;
  }

  /** Sets the tag a finding names: the same words, or the tag's words inside the finding. */
  static void mark(float[] out, String finding) {
    String f = " " + finding.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip() + " ";
    for (int k = 0; k < TAGS.size(); k++) {
      String tag = TAGS.get(k);
      if (f.contains(" " + tag + " ") || f.contains(" " + tag + "s ")) {
        out[k] = 1f;
      }
    }
  }
}
