package io.medloom.text.prompt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Severity x subtype x location template for one class. An empty string in a list means "leave this
 * slot out", which is how the bare subtype ("atelectasis") ends up among the prompts.
 */
public record ZeroShotTemplate(List<String> severity, List<String> subtype, List<String> location) {
  public ZeroShotTemplate {
    severity = List.copyOf(severity);
    subtype = List.copyOf(subtype);
    location = List.copyOf(location);
    if (severity.isEmpty() || subtype.isEmpty() || location.isEmpty()) {
      throw new IllegalArgumentException("zero-shot template lists must not be empty");
    }
  }

  /** All combinations in nested list order (severity outermost), deduplicated, sentence case. */
  public List<String> positives() {
    Set<String> out = new LinkedHashSet<>();
    for (String sev : severity) {
      for (String sub : subtype) {
        for (String loc : location) {
          out.add(Texts.capitalize(Texts.joinWords(sev, sub, loc)));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * "No subtype [location]" prompts. Severity is left out on purpose: "no mild atelectasis" would
   * suggest that moderate atelectasis may be present.
   */
  public List<String> negatives() {
    Set<String> out = new LinkedHashSet<>();
    for (String sub : subtype) {
      for (String loc : location) {
        out.add(Texts.joinWords("No", sub, loc));
      }
    }
    return List.copyOf(out);
  }
}
