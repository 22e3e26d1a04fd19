package io.medloom.text.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.text.ChexpertLabeler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reference labels from the manual MeSH terms of IU X-ray reports (Open-i), mapped to CheXpert
 * observations by the data file {@code iu-mesh-to-chexpert.json}. A MeSH label is {@code
 * Term/qualifier/...}; a rule matches when the term equals its {@code mesh} and, when the rule
 * lists qualifiers, the label carries one of them, and, when the rule lists {@code exceptSameSite}
 * terms, no label of the report names one of those terms with exactly the same qualifiers (IU
 * indexes a calcified nodule as {@code Nodule/lung/upper lobe/right} beside {@code
 * Calcinosis/lung/upper lobe/right}). The MeSH value {@code normal} maps to No Finding. Immutable.
 */
public final class MeshTruth {
  private record Rule(
      String mesh, Set<String> qualifiers, Set<String> exceptSameSite, String observation) {}

  private record Label(String term, Set<String> qualifiers) {}

  private static final MeshTruth STANDARD = load();

  private final List<Rule> rules;

  private MeshTruth(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The bundled mapping. */
  public static MeshTruth standard() {
    return STANDARD;
  }

  /** CheXpert observations named by a report's {@code ;}-separated MeSH labels (may be empty). */
  public Set<String> observations(String mesh) {
    Set<String> out = new LinkedHashSet<>();
    if (mesh == null) {
      return out;
    }
    List<Label> labels = new ArrayList<>();
    for (String label : mesh.split(";")) {
      String[] parts = label.trim().split("/");
      Set<String> quals = new HashSet<>();
      for (int i = 1; i < parts.length; i++) {
        quals.add(parts[i].trim().toLowerCase(Locale.ROOT));
      }
      labels.add(new Label(parts[0].trim().toLowerCase(Locale.ROOT), quals));
    }
    for (Label l : labels) {
      for (Rule r : rules) {
        if (r.mesh().equals(l.term())
            && (r.qualifiers().isEmpty()
                || r.qualifiers().stream().anyMatch(l.qualifiers()::contains))
            && !sameSite(labels, r.exceptSameSite(), l.qualifiers())) {
          out.add(r.observation());
        }
      }
    }
    return out;
  }

  /** A label naming one of {@code terms} with exactly the qualifiers {@code quals}. */
  private static boolean sameSite(List<Label> labels, Set<String> terms, Set<String> quals) {
    for (Label o : labels) {
      if (terms.contains(o.term()) && o.qualifiers().equals(quals)) {
        return true;
      }
    }
    return false;
  }

  private static MeshTruth load() {
    try (InputStream in = ChexpertLabeler.class.getResourceAsStream("iu-mesh-to-chexpert.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource io/medloom/text/iu-mesh-to-chexpert.json");
      }
      JsonNode root = new ObjectMapper().readTree(in);
      List<Rule> rules = new ArrayList<>();
      for (JsonNode r : root.get("rules")) {
        Set<String> q = new HashSet<>();
        if (r.has("qualifiers")) {
          r.get("qualifiers").forEach(x -> q.add(x.asText().toLowerCase(Locale.ROOT)));
        }
        Set<String> except = new HashSet<>();
        if (r.has("exceptSameSite")) {
          r.get("exceptSameSite").forEach(x -> except.add(x.asText().toLowerCase(Locale.ROOT)));
        }
        String obs = r.get("observation").asText();
        if (!ChexpertLabeler.OBSERVATIONS.contains(obs)) {
          throw new IllegalStateException("iu-mesh-to-chexpert.json: unknown observation " + obs);
        }
        rules.add(
            new Rule(
                r.get("mesh").asText().toLowerCase(Locale.ROOT),
                Set.copyOf(q),
                Set.copyOf(except),
                obs));
      }
      return new MeshTruth(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
