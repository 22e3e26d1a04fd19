package io.medloom.text;

/**
 * One section of a report. {@code name} is one of findings, impression, indication, comparison,
 * technique, history, other; {@code start}/{@code end} are character offsets of {@code text} in the
 * report (header excluded).
 */
public record Section(String name, String text, int start, int end) {}
