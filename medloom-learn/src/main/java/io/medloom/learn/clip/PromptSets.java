package io.medloom.learn.clip;

import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import io.medloom.store.read.Column;
import io.medloom.store.read.SampleReader;
import io.medloom.store.read.SampleRecord;
import io.medloom.text.prompt.PromptGenerator;
import io.medloom.text.prompt.ZeroShotPrompts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The positive and negative prompt set of each class for zero-shot classification.
 *
 * <p>{@code template}: the text engine's CXR-CLIP templates (severity × subtype × location, or "X"
 * / "No X"). Those are worded for MIMIC reports; a small text tower trained on a dataset that never
 * says "no cardiomegaly" or "globular enlargement of the heart" reads them poorly, and the failure
 * is systematic: the negatives ("No cardiomegaly ...") are short and carry the class word, the
 * positives dilute it with words the tower never saw, so the negative set can land nearer the
 * diseased images and invert the score (ASG's cardiomegaly AUROC of 0.04 on the phantom).
 *
 * <p>{@code dataset} (the default): prompts in the language the model was trained on, read from the
 * <em>training</em> split's texts only, never from image labels. For reports, the sentences the
 * text engine's triplet extractor reads as asserting (present) or denying (absent) a finding the
 * class names, most frequent first; a sentence read both ways is dropped. For label-only datasets
 * (texts composed from labels), the prompt resource's positive and negative sentence pools the
 * training texts were drawn from. A class with neither keeps its template.
 */
public final class PromptSets {
  /** How prompts are chosen. */
  public enum Source {
    TEMPLATE,
    DATASET;

    public static Source parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "template" -> TEMPLATE;
        case "dataset" -> DATASET;
        default ->
            throw new IllegalArgumentException(
                "prompts must be 'template' or 'dataset': '" + s + "'");
      };
    }
  }

  /** The prompts of one class and where they came from (template, reports or label-prompts). */
  public record ClassSet(List<String> positive, List<String> negative, String source) {
    public ClassSet {
      positive = List.copyOf(positive);
      negative = List.copyOf(negative);
    }
  }

  /** At most this many sentences per side, the most frequent. */
  static final int MAX_SENTENCES = 64;

  private PromptSets() {}

  /** Prompt sets for the classes, reading the training split through {@code train} if needed. */
  public static Map<String, ClassSet> of(List<String> classes, Source source, SampleReader train)
      throws IOException {
    ZeroShotPrompts bank = ZeroShotPrompts.standard();
    Map<String, List<String>> tPos = bank.positive(classes);
    Map<String, List<String>> tNeg = bank.negative(classes);
    Map<String, ClassSet> out = new LinkedHashMap<>();
    Corpus corpus = source == Source.DATASET ? Corpus.read(train) : null;
    PromptGenerator generator = PromptGenerator.standard();
    for (String c : classes) {
      ClassSet chosen = null;
      if (corpus != null && corpus.reports > corpus.composed) {
        chosen = corpus.sentences(c);
      } else if (corpus != null && corpus.composed > 0) {
        chosen = new ClassSet(generator.pool(c, 1), generator.pool(c, 0), "label-prompts");
      }
      out.put(c, chosen != null ? chosen : new ClassSet(tPos.get(c), tNeg.get(c), "template"));
    }
    return out;
  }

  /** Sentences of the training reports by ASG tag and existence, with counts. */
  static final class Corpus {
    final Map<Integer, Map<String, Integer>> present = new HashMap<>();
    final Map<Integer, Map<String, Integer>> absent = new HashMap<>();
    int reports;
    int composed;

    static Corpus read(SampleReader reader) throws IOException {
      Corpus c = new Corpus();
      Set<Column> cols = EnumSet.of(Column.TEXTS, Column.TRIPLETS, Column.LABELS);
      for (int p = 0; p < reader.size(); p++) {
        SampleRecord s = reader.get(p, cols);
        c.add(s.texts(), s.triplets());
      }
      return c;
    }

    void add(List<Text> texts, List<Triplet> triplets) {
      // As ClipData chooses a sample's text: without a report, caption or notes it was composed.
      boolean report =
          texts.stream().anyMatch(t -> t.kind().equals("report.findings"))
              || texts.stream().anyMatch(t -> t.kind().equals("report.impression"))
              || !ClipData.written(texts).isBlank();
      if (!report) {
        composed++;
        return;
      }
      reports++;
      for (Triplet t : triplets) {
        Map<Integer, Map<String, Integer>> side =
            switch (t.existence()) {
              case "present" -> present;
              case "absent" -> absent;
              default -> null;
            };
        if (side == null || t.sentence().isBlank()) {
          continue;
        }
        for (int tag : FindingTags.indices(t.finding())) {
          side.computeIfAbsent(tag, k -> new HashMap<>())
              .merge(t.sentence().strip(), 1, Integer::sum);
        }
      }
    }

    /** The class's report sentences, or null when either side has none. */
    ClassSet sentences(String className) {
      Map<String, Integer> pos = new HashMap<>();
      Map<String, Integer> neg = new HashMap<>();
      for (int tag : FindingTags.indices(className)) {
        present.getOrDefault(tag, Map.of()).forEach((k, v) -> pos.merge(k, v, Integer::sum));
        absent.getOrDefault(tag, Map.of()).forEach((k, v) -> neg.merge(k, v, Integer::sum));
      }
      List<String> p = top(pos, neg);
      List<String> n = top(neg, pos);
      return p.isEmpty() || n.isEmpty() ? null : new ClassSet(p, n, "reports");
    }

    static List<String> top(Map<String, Integer> side, Map<String, Integer> other) {
      List<Map.Entry<String, Integer>> e = new ArrayList<>();
      for (var x : side.entrySet()) {
        if (!other.containsKey(x.getKey())) {
          e.add(x);
        }
      }
      e.sort(
          Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
              .reversed()
              .thenComparing(Map.Entry::getKey));
      return e.stream().limit(MAX_SENTENCES).map(Map.Entry::getKey).toList();
    }
  }
}
