package io.medloom.export;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The exporters on the class path, by format name. */
public final class Exporters {
  private Exporters() {}

  /** All exporters, sorted by format; two exporters claiming one format is a packaging error. */
  public static Map<String, Exporter> all() {
    Map<String, Exporter> byFormat = new TreeMap<>();
    for (Exporter e : ServiceLoader.load(Exporter.class, Exporters.class.getClassLoader())) {
      Exporter previous = byFormat.putIfAbsent(e.format(), e);
      if (previous != null) {
        throw new IllegalStateException(
            "two exporters for format '"
                + e.format()
                + "': "
                + previous.getClass().getName()
                + " and "
                + e.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byFormat);
  }

  /** The exporter for {@code format}, or an error that lists the known formats. */
  public static Exporter get(String format) {
    Map<String, Exporter> all = all();
    Exporter e = all.get(format);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown export format '" + format + "'; known formats: " + all.keySet());
    }
    return e;
  }
}
