package io.medloom.store.read;

import java.util.Locale;

/** Which split column selects the rows: MedLoom's patient-disjoint one, or the source's own. */
public enum SplitScheme {
  /** {@code split}: train/val/test drawn per patient by the build (the default). */
  MEDLOOM("split"),
  /** {@code original_split}: the split a source shipped with (MedMNIST, MedIMeta), if any. */
  ORIGINAL("original_split");

  private final String column;

  SplitScheme(String column) {
    this.column = column;
  }

  /** The Parquet column holding this scheme's split names. */
  public String column() {
    return column;
  }

  /** {@code medloom} (or {@code split}) and {@code original}, as the command line spells them. */
  public static SplitScheme parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "medloom", "split", "default" -> MEDLOOM;
      case "original", "original_split" -> ORIGINAL;
      default ->
          throw new IllegalArgumentException(
              "unknown split scheme '" + text + "': use 'medloom' or 'original'");
    };
  }

  public String wireName() {
    return this == MEDLOOM ? "medloom" : "original";
  }
}
