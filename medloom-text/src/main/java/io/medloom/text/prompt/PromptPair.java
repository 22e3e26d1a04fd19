package io.medloom.text.prompt;

import java.util.Objects;

/**
 * A zero-shot "X" / "No X" prompt pair for a class without severity/subtype/location templates. It
 * is stored explicitly only where the mechanical "No " + name would read badly ("No No Finding").
 */
public record PromptPair(String positive, String negative) {
  public PromptPair {
    Objects.requireNonNull(positive, "positive prompt");
    Objects.requireNonNull(negative, "negative prompt");
  }

  /** The default pair: the class name in sentence case and its "No ..." negation. */
  static PromptPair defaultFor(String className, boolean knownClass) {
    // Known names are title case ("Lung Opacity"); lower-casing them gives natural prompts. Names
    // we
    // do not know are kept as written because they may be acronyms (e.g. "ARDS").
    String body = knownClass ? className.toLowerCase(java.util.Locale.ROOT) : className;
    return new PromptPair(Texts.capitalize(body), "No " + body);
  }
}
