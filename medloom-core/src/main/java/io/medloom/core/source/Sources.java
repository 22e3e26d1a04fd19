package io.medloom.core.source;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The source kinds on the class path, found with {@link ServiceLoader}. */
public final class Sources {
  private Sources() {}

  public static Map<String, SourceProvider> providers() {
    Map<String, SourceProvider> byKind = new TreeMap<>();
    for (SourceProvider p : ServiceLoader.load(SourceProvider.class)) {
      SourceProvider previous = byKind.put(p.kind(), p);
      if (previous != null) {
        throw new IllegalStateException(
            "two providers for source kind '"
                + p.kind()
                + "': "
                + previous.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
    }
    return byKind;
  }

  /** {@link SourceProvider#pathsMayIdentify()} of a kind; true for a kind nobody provides. */
  public static boolean pathsMayIdentify(String kind) {
    SourceProvider p = providers().get(kind);
    return p == null || p.pathsMayIdentify();
  }

  public static Source open(SourceSpec spec, SourceContext context) throws Exception {
    SourceProvider p = providers().get(spec.kind());
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown source kind '" + spec.kind() + "'; known kinds: " + providers().keySet());
    }
    return p.open(spec, context);
  }
}
