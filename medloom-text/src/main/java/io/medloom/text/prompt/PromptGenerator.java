package io.medloom.text.prompt;

import io.medloom.core.model.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Turns class labels into report-like text for samples that come with labels but no report, in the
 * manner of CXR-CLIP: one sentence per labeled class, drawn from that class's positive, negative or
 * uncertain pool, in shuffled order.
 *
 * <p><b>Determinism.</b> All randomness comes from a {@link SplittableRandom} seeded by the caller;
 * nothing touches a global RNG. The labels are visited in a canonical order (by resolved class
 * name), so the same labels and seed give the same text whatever {@code Map} implementation or
 * insertion order the caller used.
 *
 * <p><b>Unknown classes.</b> A class name the resource does not know is not an error: it gets the
 * generic templates, first of all "There is &lt;class&gt;." / "No &lt;class&gt;." / "Possible
 * &lt;class&gt;.", with the name as given. This keeps label-only datasets with extra classes (e.g.
 * ChestX-ray14's "Hernia") usable, at the cost of blander text for those classes.
 */
public final class PromptGenerator {
  /** Origin recorded on {@link Text}s this generator composes. */
  public static final String ORIGIN = "medloom-text/prompt-generator";

  private final PromptBank bank;

  public PromptGenerator(PromptBank bank) {
    this.bank = Objects.requireNonNull(bank, "bank");
  }

  /** A generator over the bundled {@code prompts.json}. */
  public static PromptGenerator standard() {
    return new PromptGenerator(PromptBank.standard());
  }

  public PromptBank bank() {
    return bank;
  }

  /**
   * Composes a report-like text from labels.
   *
   * @param labels class name (canonical, synonym, any case) to 1 (positive), 0 (negative) or -1
   *     (uncertain); a {@code null} value means "not mentioned" and is skipped. Names that resolve
   *     to the same class are merged, positive winning over uncertain over negative (the CheXpert
   *     labeler's precedence), so each class yields exactly one sentence.
   * @param seed seed of the draw; same labels and seed always give the same text
   * @return the sentences joined by single spaces; empty if no class is labeled
   * @throws IllegalArgumentException for a blank class name or a value other than 1, 0, -1
   */
  public String reportFor(Map<String, Integer> labels, long seed) {
    Objects.requireNonNull(labels, "labels");
    // Key: resolved lookup key -> (display name, polarity); TreeMap gives the canonical visit
    // order.
    Map<String, Labeled> resolved = new TreeMap<>();
    for (Map.Entry<String, Integer> e : labels.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      String name = checkName(e.getKey());
      Polarity p = Polarity.of(e.getValue());
      String canonical = bank.find(name).map(ClassPrompts::name).orElse(name.strip());
      resolved.merge(Texts.key(canonical), new Labeled(canonical, p), PromptGenerator::strongest);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> sentences = new ArrayList<>(resolved.size());
    for (Labeled l : resolved.values()) {
      List<String> pool = pool(l.className(), l.polarity());
      sentences.add(pool.get(rng.nextInt(pool.size())));
    }
    shuffle(sentences, rng);
    return String.join(" ", sentences);
  }

  /** {@link #reportFor} wrapped as a dataset text of kind {@code prompt}. */
  public Text promptText(Map<String, Integer> labels, long seed) {
    return Text.of("prompt", reportFor(labels, seed), ORIGIN);
  }

  /**
   * Draws {@code n} sentences for one class and value: the pool is shuffled with the seed and read
   * in that order, so the first {@code min(n, pool size)} sentences are distinct; beyond the pool
   * size the same order repeats.
   *
   * @param value 1, 0 or -1
   */
  public List<String> sentences(String className, int value, long seed, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0: " + n);
    }
    List<String> order = new ArrayList<>(pool(checkName(className), Polarity.of(value)));
    shuffle(order, new SplittableRandom(seed));
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(order.get(i % order.size()));
    }
    return out;
  }

  /**
   * The whole pool for one class and value, in resource order; for unknown classes the generic
   * templates filled in with the name as given.
   */
  public List<String> pool(String className, int value) {
    return pool(checkName(className), Polarity.of(value));
  }

  private List<String> pool(String className, Polarity polarity) {
    return bank.find(className)
        .map(c -> c.pool(polarity))
        .orElseGet(() -> fillGeneric(className.strip(), polarity));
  }

  private List<String> fillGeneric(String className, Polarity polarity) {
    List<String> out = new ArrayList<>();
    for (String t : bank.generic(polarity)) {
      out.add(Texts.capitalize(t.replace(PromptBank.CLASS_SLOT, className)));
    }
    return List.copyOf(out);
  }

  private static String checkName(String className) {
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException("class name must not be blank");
    }
    return className;
  }

  // Positive beats uncertain beats negative when two spellings of one class disagree.
  private static Labeled strongest(Labeled a, Labeled b) {
    return rank(b.polarity()) > rank(a.polarity()) ? b : a;
  }

  private static int rank(Polarity p) {
    return switch (p) {
      case POSITIVE -> 2;
      case UNCERTAIN -> 1;
      case NEGATIVE -> 0;
    };
  }

  /** Fisher-Yates with the caller's RNG; Collections.shuffle would need a java.util.Random. */
  private static <T> void shuffle(List<T> list, SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      T tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }

  private record Labeled(String className, Polarity polarity) {}
}
