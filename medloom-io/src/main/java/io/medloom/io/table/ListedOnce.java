package io.medloom.io.table;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which line of a table first listed each image. One image is one sample, and a sample's id is a
 * hash of its source, path and frame: two rows naming one image would write two samples with one
 * id. Tables do this (the COVID-19 collection enters a few cases twice, under two patient ids), so
 * the first row keeps the image and every later row becomes a rejection naming both lines. Patients
 * are compared, never named: a rejection reason is written in clear.
 */
public final class ListedOnce {
  private record First(long line, String patient) {}

  private final Map<String, First> byImage = new HashMap<>();

  /**
   * Claims {@code image} for table line {@code line}; empty when no earlier line listed it,
   * otherwise the rejection reason, starting with {@code where} (e.g. "metadata.csv line 40").
   *
   * @param patient the row's patient, only compared with the earlier row's
   */
  public Optional<String> claim(String image, long line, String patient, String where) {
    First first = byImage.putIfAbsent(key(image), new First(line, patient));
    if (first == null) {
      return Optional.empty();
    }
    return Optional.of(
        where
            + ": image "
            + image
            + " is already listed on line "
            + first.line()
            + (first.patient().equals(patient) ? " for the same patient" : " for another patient")
            + "; one image is one sample, so this row is skipped (the earlier row keeps the image)");
  }

  /** {@code a/./b.png} and {@code a//b.png} name {@code a/b.png}. */
  private static String key(String image) {
    try {
      return Path.of(image).normalize().toString();
    } catch (InvalidPathException e) {
      return image;
    }
  }
}
