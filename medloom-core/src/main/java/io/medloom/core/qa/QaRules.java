package io.medloom.core.qa;

import io.medloom.core.image.RegionLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules that turn a stored fact into an answer. One set for everyone: the question generator
 * writes answers with them, and {@code verify} re-derives every stored answer with them from the
 * row's own columns and masks, so an answer that disagrees with its row is found.
 */
public final class QaRules {
  /** Size classes by share of the image (a 224 px film: 0.2% is about a 10 px nodule). */
  public static final List<String> SIZE_WORDS =
      List.of("tiny", "small", "moderate-sized", "large", "very large");

  /** Upper borders of {@link #SIZE_WORDS} but the last, as shares of the image's pixels. */
  public static final double[] SIZE_BORDERS = {0.002, 0.01, 0.05, 0.15};

  /** Image columns of the 3x3 grid, as a region's image-side answer. */
  public static final List<String> IMAGE_SIDES = List.of("left", "centre", "right");

  private static final Map<String, String> MODALITIES = loadModalities();

  private QaRules() {}

  public static String yesNo(boolean yes) {
    return yes ? "yes" : "no";
  }

  /** The size class of a region covering {@code areaFraction} of its image. */
  public static String sizeWord(double areaFraction) {
    for (int i = 0; i < SIZE_BORDERS.length; i++) {
      if (areaFraction < SIZE_BORDERS[i]) {
        return SIZE_WORDS.get(i);
      }
    }
    return SIZE_WORDS.get(SIZE_WORDS.size() - 1);
  }

  /** The name of a DICOM modality code, empty when unknown (then nothing is asked about it). */
  public static Optional<String> modalityName(String code) {
    return Optional.ofNullable(MODALITIES.get(code.strip().toUpperCase(Locale.ROOT)));
  }

  /** A DICOM Body Part Examined term in words ({@code CHEST} → chest); empty when unknown. */
  public static Optional<String> bodyPartName(String term) {
    String t = term.strip().replace('_', ' ').toLowerCase(Locale.ROOT);
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }

  /**
   * The open answer to "where is it": patient side and lung zone ({@code right upper zone}), the
   * side or zone alone when only one applies, else the image grid ({@code upper left of the image},
   * {@code centre of the image}); empty when the location says nothing.
   */
  public static Optional<String> locationPhrase(RegionLocation.Location l) {
    boolean sided = l.side().equals("right") || l.side().equals("left");
    if (!l.zone().isEmpty()) {
      return Optional.of((sided ? l.side() + " " : "") + l.zone() + " zone");
    }
    if (sided) {
      return Optional.of(l.side() + " side");
    }
    if (!l.grid().isEmpty()) {
      return Optional.of(
          (l.grid().equals("middle centre") ? "centre" : l.grid()) + " of the image");
    }
    return Optional.empty();
  }

  /** The patient side of a region, when it is right or left (midline is no side). */
  public static Optional<String> side(RegionLocation.Location l) {
    return l.side().equals("right") || l.side().equals("left")
        ? Optional.of(l.side())
        : Optional.empty();
  }

  /** The lung zone of a region, when it has one. */
  public static Optional<String> zone(RegionLocation.Location l) {
    return l.zone().isEmpty() ? Optional.empty() : Optional.of(l.zone());
  }

  /** The image column (left, centre, right) of a region located on the 3x3 grid. */
  public static Optional<String> imageSide(RegionLocation.Location l) {
    if (l.grid().isEmpty()) {
      return Optional.empty();
    }
    String[] w = l.grid().split(" ");
    return Optional.of(w[w.length - 1]);
  }

  /** The answer of a region fact from the region's location and area share. */
  public static Optional<String> regionAnswer(
      String kind, RegionLocation.Location l, double areaFraction) {
    return switch (kind) {
      case "roi.location" -> locationPhrase(l);
      case "roi.side" -> side(l);
      case "roi.zone" -> zone(l);
      case "roi.image_side" -> imageSide(l);
      case "roi.size" -> Optional.of(sizeWord(areaFraction));
      default -> Optional.empty();
    };
  }

  /** A region lies within an organ when at least this share of its pixels is inside it. */
  public static final double WITHIN_SHARE = 0.5;

  private static Map<String, String> loadModalities() {
    Map<String, String> m = new TreeMap<>();
    try (InputStream in = QaRules.class.getResourceAsStream("modalities.tsv")) {
      if (in == null) {
        throw new IllegalStateException("modalities.tsv is missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        m.put(f[0].strip(), f[1].strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(m);
  }
}
