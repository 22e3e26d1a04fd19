package io.medloom.learn.clip;

import io.medloom.core.model.Text;
import io.medloom.core.model.Triplet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hard negative texts for contrastive training: a report with the sentences about one finding
 * replaced by a sentence that says the opposite ("Small left pleural effusion." for "No pleural
 * effusion or pneumothorax.", and the reverse).
 *
 * <p>Why: in radiology reports most findings are mentioned in both states, and the negated form
 * carries the same words ("no pleural effusion"). Trained only against the other reports of a
 * batch, which differ in many findings at once, a small text tower can match on those shared words
 * and never learn the negation; zero-shot then cannot tell the positive prompts of such a finding
 * from the negative ones. A counterfactual differs from the true report in exactly one finding's
 * existence, so the image must be nearer its own report than that one (NegCLIP's hard negatives).
 *
 * <p>The opposite sentences come from the training split's own reports, read by the text engine's
 * triplet extractor (as {@link PromptSets}'s dataset prompts are), most frequent first.
 */
final class Counterfactuals {
  /** A sentence of a report that asserts ({@code present}) or denies a finding tag. */
  record Mention(String sentence, int tag, boolean present) {}

  /** Opposite sentences are drawn from the most frequent this many of a side. */
  static final int POOL = 16;

  private final PromptSets.Corpus corpus = new PromptSets.Corpus();
  private final Map<Long, List<String>> sides = new ConcurrentHashMap<>();

  /** Adds a sample's texts and triplets to the sentence bank (while it is built, one thread). */
  void add(List<Text> texts, List<Triplet> triplets) {
    corpus.add(texts, triplets);
    sides.clear();
  }

  /** The mentions of a sample whose sentences occur in {@code report}. */
  static List<Mention> mentions(String report, List<Triplet> triplets) {
    List<Mention> out = new ArrayList<>();
    for (Triplet t : triplets) {
      boolean present = t.existence().equals("present");
      if (!present && !t.existence().equals("absent")) {
        continue;
      }
      String sentence = t.sentence().strip();
      if (sentence.isEmpty() || !report.contains(sentence)) {
        continue;
      }
      for (int tag : FindingTags.indices(t.finding())) {
        out.add(new Mention(sentence, tag, present));
      }
    }
    return List.copyOf(out);
  }

  /**
   * A counterfactual of {@code text}: one mentioned finding tag drawn with {@code rng}, its first
   * sentence replaced by an opposite sentence of the bank and its other sentences dropped; null
   * when no mention occurs in the text or the bank has no opposite sentence.
   */
  String of(String text, List<Mention> mentions, SplittableRandom rng) {
    List<Integer> tags = new ArrayList<>(new LinkedHashSet<>(tagsIn(text, mentions)));
    if (tags.isEmpty()) {
      return null;
    }
    int tag = tags.get(rng.nextInt(tags.size()));
    Mention first = null;
    List<String> sentences = new ArrayList<>();
    for (Mention m : mentions) {
      if (m.tag() == tag && text.contains(m.sentence())) {
        first = first == null ? m : first;
        sentences.add(m.sentence());
      }
    }
    List<String> bank = side(tag, !first.present());
    List<String> usable = new ArrayList<>();
    for (String b : bank) {
      // A sentence that also appears in the text (read both ways elsewhere) would not flip it.
      if (!text.contains(b)) {
        usable.add(b);
      }
    }
    if (usable.isEmpty()) {
      return null;
    }
    String replacement = usable.get(rng.nextInt(usable.size()));
    int at = text.indexOf(first.sentence());
    String before = text.substring(0, at);
    String after = text.substring(at + first.sentence().length());
    for (String s : sentences) {
      before = before.replace(s, "");
      after = after.replace(s, "");
    }
    return (before + replacement + after).replaceAll("\\s{2,}", " ").strip();
  }

  private static List<Integer> tagsIn(String text, List<Mention> mentions) {
    List<Integer> out = new ArrayList<>();
    for (Mention m : mentions) {
      if (text.contains(m.sentence())) {
        out.add(m.tag());
      }
    }
    return out;
  }

  /** The most frequent sentences of a tag in one state, never read the other way too. */
  List<String> side(int tag, boolean present) {
    return sides.computeIfAbsent(
        tag * 2L + (present ? 1 : 0),
        k -> {
          Map<String, Integer> mine =
              (present ? corpus.present : corpus.absent).getOrDefault(tag, Map.of());
          Map<String, Integer> other =
              (present ? corpus.absent : corpus.present).getOrDefault(tag, Map.of());
          List<String> top = PromptSets.Corpus.top(mine, other);
          return List.copyOf(top.subList(0, Math.min(POOL, top.size())));
        });
  }
}
