package io.medloom.annotate.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The phrasing bank ({@code templates.json}): several phrasings per question key, one picked per
 * question by the sample's seeded generator, plus the word lists that shape which questions exist.
 */
public final class QaTemplates {
  private final Map<String, List<String>> templates;
  private final Set<String> skipTasks;
  private final String reportTaskPrefix;
  private final Set<String> normalClasses;
  private final Set<String> massNouns;
  private final Map<String, String> tripletFindings;
  private final Set<String> regionsWithoutQuestions;

  private QaTemplates(JsonNode root) {
    Map<String, List<String>> t = new TreeMap<>();
    root.path("templates")
        .properties()
        .forEach(
            e -> {
              List<String> list = new ArrayList<>();
              e.getValue().forEach(v -> list.add(v.asText()));
              if (list.isEmpty()) {
                throw new IllegalStateException("template '" + e.getKey() + "' has no phrasing");
              }
              t.put(e.getKey(), List.copyOf(list));
            });
    this.templates = Map.copyOf(t);
    this.skipTasks = words(root.path("skip_tasks"));
    this.reportTaskPrefix = root.path("report_task_prefix").asText("report_");
    this.normalClasses = words(root.path("normal_classes"));
    this.massNouns = words(root.path("mass_nouns"));
    Map<String, String> tf = new TreeMap<>();
    root.path("triplet_findings")
        .properties()
        .forEach(e -> tf.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
    this.tripletFindings = Map.copyOf(tf);
    this.regionsWithoutQuestions = words(root.path("regions_without_questions"));
  }

  /** The bank shipped with MedLoom. */
  public static QaTemplates load() {
    try (InputStream in = QaTemplates.class.getResourceAsStream("templates.json")) {
      if (in == null) {
        throw new IllegalStateException("qa templates.json is missing from the class path");
      }
      return new QaTemplates(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> words(JsonNode list) {
    Set<String> s = new HashSet<>();
    list.forEach(v -> s.add(v.asText().toLowerCase(Locale.ROOT)));
    return Set.copyOf(s);
  }

  /** A phrasing of {@code key} with its placeholders filled, chosen by {@code rng}. */
  String phrase(String key, Random rng, Map<String, String> values) {
    List<String> list = templates.get(key);
    if (list == null) {
      throw new IllegalStateException("no qa template '" + key + "'");
    }
    String out = list.get(rng.nextInt(list.size()));
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  boolean skipTask(String task) {
    String t = task.toLowerCase(Locale.ROOT);
    return skipTasks.contains(t) || t.startsWith(reportTaskPrefix);
  }

  boolean isNormalClass(String name) {
    return normalClasses.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The words a question uses for a report finding tag; empty when it is not asked about. */
  java.util.Optional<String> tripletFinding(String tag) {
    return java.util.Optional.ofNullable(tripletFindings.get(tag.toLowerCase(Locale.ROOT)));
  }

  boolean asksAboutRegion(String label) {
    return !regionsWithoutQuestions.contains(label.toLowerCase(Locale.ROOT));
  }

  /** "a nodule", "an opacity" for a countable finding; mass nouns go without an article. */
  String withArticle(String finding) {
    String f = finding.toLowerCase(Locale.ROOT);
    if (massNouns.contains(f)) {
      return f;
    }
    return ("aeiou".indexOf(f.isEmpty() ? 'x' : f.charAt(0)) >= 0 ? "an " : "a ") + f;
  }

  /** "a, b or c". */
  static String options(List<String> options) {
    if (options.size() == 1) {
      return options.get(0);
    }
    return String.join(", ", options.subList(0, options.size() - 1))
        + " or "
        + options.get(options.size() - 1);
  }
}
