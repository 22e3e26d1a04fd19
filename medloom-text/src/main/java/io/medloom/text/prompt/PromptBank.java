package io.medloom.text.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parsed {@code prompts.json} resource: per-class sentence pools, zero-shot templates, generic
 * templates for unknown classes, and the documented hedge / negation cue lists.
 *
 * <p>Sentences live in a resource rather than in code so that they can be reviewed, cited and
 * extended without touching Java (the project keeps vocabularies out of string literals).
 */
public final class PromptBank {
  /** Classpath location of the standard resource. */
  public static final String RESOURCE = "/io/medloom/text/prompt/prompts.json";

  /** Placeholder the generic templates use for the class name. */
  static final String CLASS_SLOT = "{class}";

  private static volatile PromptBank standard;

  private final List<ClassPrompts> classes;
  private final Map<String, ClassPrompts> byKey;
  private final Map<Polarity, List<String>> generic;
  private final List<String> hedgeWords;
  private final List<String> negationWords;
  private final Pattern hedgePattern;
  private final Pattern negationPattern;

  private PromptBank(
      List<ClassPrompts> classes,
      Map<Polarity, List<String>> generic,
      List<String> hedgeWords,
      List<String> negationWords) {
    this.classes = List.copyOf(classes);
    this.generic = Map.copyOf(generic);
    this.hedgeWords = List.copyOf(hedgeWords);
    this.negationWords = List.copyOf(negationWords);
    this.hedgePattern = Texts.cuePattern(this.hedgeWords);
    this.negationPattern = Texts.cuePattern(this.negationWords);
    Map<String, ClassPrompts> index = new HashMap<>();
    for (ClassPrompts c : this.classes) {
      register(index, c.name(), c);
      c.synonyms().forEach(s -> register(index, s, c));
    }
    this.byKey = Map.copyOf(index);
  }

  // A synonym claimed by two classes would make lookups depend on resource order; refuse it.
  private static void register(Map<String, ClassPrompts> index, String name, ClassPrompts c) {
    ClassPrompts prior = index.putIfAbsent(Texts.key(name), c);
    if (prior != null && prior != c) {
      throw new IllegalArgumentException(
          "name '" + name + "' maps to both " + prior.name() + " and " + c.name());
    }
  }

  /** The bundled resource, parsed once; it is immutable so sharing it is safe. */
  public static PromptBank standard() {
    PromptBank b = standard;
    if (b == null) {
      synchronized (PromptBank.class) {
        if (standard == null) {
          try (InputStream in = PromptBank.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + RESOURCE);
            }
            standard = load(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        b = standard;
      }
    }
    return b;
  }

  /** Parses a resource with the layout of {@code prompts.json}. */
  public static PromptBank load(InputStream json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    List<ClassPrompts> classes = new ArrayList<>();
    for (JsonNode c : required(root, "classes")) {
      Optional<ZeroShotTemplate> zs =
          c.has("zeroShot")
              ? Optional.of(
                  new ZeroShotTemplate(
                      strings(c.get("zeroShot"), "severity"),
                      strings(c.get("zeroShot"), "subtype"),
                      strings(c.get("zeroShot"), "location")))
              : Optional.empty();
      Optional<PromptPair> pair =
          c.has("pair")
              ? Optional.of(
                  new PromptPair(
                      required(c.get("pair"), "positive").asText(),
                      required(c.get("pair"), "negative").asText()))
              : Optional.empty();
      classes.add(
          new ClassPrompts(
              required(c, "name").asText(),
              c.has("synonyms") ? strings(c, "synonyms") : List.of(),
              strings(c, "positive"),
              strings(c, "negative"),
              strings(c, "uncertain"),
              zs,
              pair));
    }
    JsonNode g = required(root, "generic");
    Map<Polarity, List<String>> generic =
        Map.of(
            Polarity.POSITIVE, strings(g, "positive"),
            Polarity.NEGATIVE, strings(g, "negative"),
            Polarity.UNCERTAIN, strings(g, "uncertain"));
    generic.values().forEach(PromptBank::checkGeneric);
    return new PromptBank(
        classes, generic, strings(root, "hedgeWords"), strings(root, "negationWords"));
  }

  private static void checkGeneric(List<String> templates) {
    if (templates.isEmpty() || templates.stream().anyMatch(t -> !t.contains(CLASS_SLOT))) {
      throw new IllegalArgumentException("generic templates must be non-empty and contain {class}");
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("prompt resource: missing field '" + field + "'");
    }
    return v;
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : required(node, field)) {
      out.add(s.asText());
    }
    return out;
  }

  /** All classes in resource order (14 CheXpert observations, then Nodule and Mass). */
  public List<ClassPrompts> classes() {
    return classes;
  }

  /** Case-insensitive lookup by canonical name or synonym. */
  public Optional<ClassPrompts> find(String className) {
    return Optional.ofNullable(byKey.get(Texts.key(className)));
  }

  /** Generic templates (with {@code {class}}) used for class names the resource does not know. */
  public List<String> generic(Polarity polarity) {
    return generic.get(polarity);
  }

  /** Documented hedge cues; every uncertain sentence contains one. */
  public List<String> hedgeWords() {
    return hedgeWords;
  }

  /** Documented negation cues; every negative sentence contains one. */
  public List<String> negationWords() {
    return negationWords;
  }

  /** True if the sentence contains a hedge cue as a whole word or phrase. */
  public boolean hasHedge(String sentence) {
    return hedgePattern.matcher(sentence).find();
  }

  /** True if the sentence contains a negation cue as a whole word or phrase. */
  public boolean hasNegation(String sentence) {
    return negationPattern.matcher(sentence).find();
  }
}
