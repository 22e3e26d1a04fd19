package io.medloom.text.prompt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the prompt resource holds for one class.
 *
 * @param name canonical name (CheXpert spelling where one exists)
 * @param synonyms other spellings that resolve to this class (matched case-insensitively)
 * @param positive report sentences asserting the finding
 * @param negative report sentences denying it
 * @param uncertain report sentences hedging about it
 * @param zeroShot severity x subtype x location template (the five competition classes only)
 * @param pair explicit "X" / "No X" zero-shot pair where the default would read badly
 */
public record ClassPrompts(
    String name,
    List<String> synonyms,
    List<String> positive,
    List<String> negative,
    List<String> uncertain,
    Optional<ZeroShotTemplate> zeroShot,
    Optional<PromptPair> pair) {

  public ClassPrompts {
    Objects.requireNonNull(name, "class name");
    synonyms = List.copyOf(synonyms);
    positive = List.copyOf(positive);
    negative = List.copyOf(negative);
    uncertain = List.copyOf(uncertain);
    Objects.requireNonNull(zeroShot, "zeroShot");
    Objects.requireNonNull(pair, "pair");
    // An empty pool would make reportFor fail at draw time, far from the resource that caused it.
    if (positive.isEmpty() || negative.isEmpty() || uncertain.isEmpty()) {
      throw new IllegalArgumentException("class '" + name + "' needs sentences for every polarity");
    }
  }

  /** The sentence pool for one polarity. */
  public List<String> pool(Polarity polarity) {
    return switch (polarity) {
      case POSITIVE -> positive;
      case NEGATIVE -> negative;
      case UNCERTAIN -> uncertain;
    };
  }

  /** Zero-shot positive prompts: expanded template, else the "X" half of the pair. */
  public List<String> zeroShotPositive() {
    return zeroShot
        .map(ZeroShotTemplate::positives)
        .orElseGet(() -> List.of(pairOrDefault().positive()));
  }

  /** Zero-shot negative prompts: "No subtype ..." from the template, else the "No X" half. */
  public List<String> zeroShotNegative() {
    return zeroShot
        .map(ZeroShotTemplate::negatives)
        .orElseGet(() -> List.of(pairOrDefault().negative()));
  }

  private PromptPair pairOrDefault() {
    return pair.orElseGet(() -> PromptPair.defaultFor(name, true));
  }
}
