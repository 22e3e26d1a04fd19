package io.medloom.text;

/**
 * A finding mention: canonical ASG finding tag, the CheXpert observation it counts for (or ""),
 * canonical anatomy (or ""), existence, the sentence index in the report (over the sections that
 * were parsed) and the character span of the mention in the report text.
 */
public record Mention(
    String finding,
    String observation,
    String anatomy,
    Existence existence,
    int sentence,
    int start,
    int end,
    String sentenceText) {}
