package io.medloom.learn.meta;

import io.medloom.core.model.DatasetInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The imaging domain of a dataset (chest x-ray, breast ultrasound, pathology, ...), which the
 * held-out-domain protocol groups datasets by. A build writes the generic {@code medical imaging};
 * the domain then follows from the sources and modalities through the table in {@code domains.tsv}
 * (data, not code, with its reasons).
 */
public final class Domains {
  /** What a build writes when it knows nothing better. */
  public static final String GENERIC = "medical imaging";

  private static final Map<String, String> TABLE = load();

  private Domains() {}

  private static Map<String, String> load() {
    Map<String, String> m = new LinkedHashMap<>();
    try (InputStream in = Domains.class.getResourceAsStream("domains.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 2);
        m.put(f[0].trim().toLowerCase(Locale.ROOT), f[1].trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("domains.tsv is unreadable", e);
    }
    return Map.copyOf(m);
  }

  /** The dataset's domain; {@link #GENERIC} when neither its sources nor modalities tell. */
  public static String of(DatasetInfo info) {
    String own = info.domain() == null ? "" : info.domain().trim();
    if (!own.isEmpty() && !own.equalsIgnoreCase(GENERIC)) {
      return own;
    }
    for (String key : keys(info)) {
      String d = TABLE.get(key);
      if (d != null) {
        return d;
      }
    }
    return GENERIC;
  }

  /** Lookup keys in order of preference. */
  static List<String> keys(DatasetInfo info) {
    List<String> keys = new ArrayList<>();
    for (DatasetInfo.SourceRecord s : info.sources()) {
      String file = s.location().replaceAll("[?#].*$", "").replaceAll("^.*[/\\\\]", "");
      String subset = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
      keys.add(("source:" + s.kind() + ":" + subset).toLowerCase(Locale.ROOT));
      keys.add(("source:" + s.kind()).toLowerCase(Locale.ROOT));
    }
    for (String m : info.modalities()) {
      for (String b : info.bodyParts()) {
        keys.add(("modality:" + m + "/" + b).toLowerCase(Locale.ROOT));
      }
    }
    info.modalities().forEach(m -> keys.add(("modality:" + m).toLowerCase(Locale.ROOT)));
    return keys;
  }
}
