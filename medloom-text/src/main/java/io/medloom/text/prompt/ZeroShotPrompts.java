package io.medloom.text.prompt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Zero-shot prompt sets per class, following the two CXR-CLIP conventions: the five CheXpert
 * competition classes get every severity x subtype x location combination of their template (a
 * class score is then the mean similarity over many phrasings), all other classes a single "X" /
 * "No X" pair (scored by a softmax over the two).
 *
 * <p>Prompt lists are deduplicated and in a stable order (template nesting order). Class names are
 * matched case-insensitively with synonyms; an unknown name gets the pair "&lt;name&gt;" / "No
 * &lt;name&gt;" rather than an error. Result maps keep the caller's class order and keys.
 */
public final class ZeroShotPrompts {
  /** The five CheXpert competition classes, which carry severity x subtype x location templates. */
  public static final List<String> COMPETITION_CLASSES =
      List.of("Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Pleural Effusion");

  private final PromptBank bank;

  public ZeroShotPrompts(PromptBank bank) {
    this.bank = Objects.requireNonNull(bank, "bank");
  }

  /** Prompt sets from the bundled {@code prompts.json}. */
  public static ZeroShotPrompts standard() {
    return new ZeroShotPrompts(PromptBank.standard());
  }

  /** Prompts asserting each class. */
  public Map<String, List<String>> positive(List<String> classNames) {
    return collect(
        classNames,
        name ->
            bank.find(name)
                .map(ClassPrompts::zeroShotPositive)
                .orElseGet(() -> List.of(PromptPair.defaultFor(name.strip(), false).positive())));
  }

  /** Prompts denying each class ("No ..."). */
  public Map<String, List<String>> negative(List<String> classNames) {
    return collect(
        classNames,
        name ->
            bank.find(name)
                .map(ClassPrompts::zeroShotNegative)
                .orElseGet(() -> List.of(PromptPair.defaultFor(name.strip(), false).negative())));
  }

  private static Map<String, List<String>> collect(
      List<String> classNames, Function<String, List<String>> prompts) {
    Objects.requireNonNull(classNames, "classNames");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : classNames) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("class name must not be blank");
      }
      out.computeIfAbsent(name, prompts);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
