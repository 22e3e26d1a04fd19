package io.medloom.text;

/** A sentence with its index in the split text and its character offsets there. */
public record Sentence(int index, String text, int start, int end) {}
