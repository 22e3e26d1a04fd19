package io.medloom.io.dicomsource;

import io.medloom.core.source.SourceSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Text burned into the pixels (a name in an ultrasound's header bar, a date on a screenshot)
 * survives every header clean-up, so a DICOM source rejects the objects that may carry it unless
 * told otherwise: BurnedInAnnotation (0028,0301) = YES, and the SOP classes and modalities listed
 * in {@code burned-in-text.tsv} (secondary capture, ultrasound). The source option {@value #OPTION}
 * chooses: {@code reject} (the default) or {@code allow} (the user vouches for the pixels).
 */
public final class BurnedInText {
  public static final String OPTION = "burned_in";

  private static final String RESOURCE = "burned-in-text.tsv";
  private static final Map<String, String> SOP_CLASSES = new HashMap<>();
  private static final Map<String, String> MODALITIES = new HashMap<>();

  static {
    try (InputStream in = BurnedInText.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 3) {
          throw new IllegalStateException(RESOURCE + ": expected 3 tab-separated fields: " + line);
        }
        (f[0].equals("modality") ? MODALITIES : SOP_CLASSES).put(f[1], f[2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private BurnedInText() {}

  /** True when the source keeps such objects ({@code burned_in=allow}); checks the value. */
  public static boolean allowed(SourceSpec spec) {
    String v = spec.option(OPTION, "reject");
    if (!v.equals("reject") && !v.equals("allow")) {
      throw new IllegalArgumentException(
          "source option "
              + OPTION
              + " must be reject (the default: objects that may show text in their pixels are"
              + " rejected) or allow; got '"
              + v
              + "'");
    }
    return v.equals("allow");
  }

  /**
   * Why an object with these header attributes may show text in its pixels, if it may.
   *
   * @param meta DICOM keyword to value, as in {@code DicomImage#meta()}
   */
  public static Optional<String> risk(Map<String, String> meta) {
    String burnedIn = meta.getOrDefault("BurnedInAnnotation", "").trim();
    if (burnedIn.equalsIgnoreCase("YES")) {
      return Optional.of("BurnedInAnnotation (0028,0301) is YES: the pixels carry text");
    }
    String sopClass = meta.getOrDefault("SOPClassUID", "").trim();
    if (SOP_CLASSES.containsKey(sopClass)) {
      return Optional.of(
          "SOP class "
              + sopClass
              + " ("
              + SOP_CLASSES.get(sopClass)
              + ") often carries text burned into the pixels");
    }
    String modality = meta.getOrDefault("Modality", "").trim().toUpperCase(Locale.ROOT);
    if (MODALITIES.containsKey(modality)) {
      return Optional.of(
          "Modality "
              + modality
              + " ("
              + MODALITIES.get(modality)
              + ") often carries text burned into the pixels");
    }
    return Optional.empty();
  }

  /** Throws the rejection reason when the source rejects such objects and this is one. */
  static void check(SourceSpec spec, Map<String, String> meta) throws IOException {
    if (allowed(spec)) {
      return;
    }
    Optional<String> risk = risk(meta);
    if (risk.isPresent()) {
      throw new IOException(
          risk.get()
              + " (names, dates, ids) that no header clean-up removes; rejected. Add "
              + OPTION
              + "=allow to the source if its pixels are known to be free of identifying text");
    }
  }
}
