package io.medloom.core.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
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

  /**
   * Checks what can be checked without reading: the kind is known, every option is one of the
   * kind's, and the location is of the right sort and exists. Cheap, so a build calls it for every
   * source before it creates anything.
   *
   * @throws IllegalArgumentException for a usage error (unknown kind or option, malformed location)
   * @throws SourceException when the location is missing or unreadable
   */
  public static SourceProvider check(SourceSpec spec) throws SourceException {
    Map<String, SourceProvider> all = providers();
    SourceProvider p = all.get(spec.kind());
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown source kind '"
              + spec.kind()
              + "'; known kinds: "
              + String.join(", ", all.keySet())
              + closest(spec.kind(), List.copyOf(all.keySet())));
    }
    for (Map.Entry<String, String> e : spec.options().entrySet()) {
      String key = e.getKey();
      for (SourceOption o : p.options()) {
        List<String> choices = o.choices();
        if (o.matches(key) && !choices.isEmpty() && !choices.contains(e.getValue())) {
          throw new IllegalArgumentException(
              "source "
                  + spec.name()
                  + ": option "
                  + key
                  + " must be "
                  + String.join(" or ", choices)
                  + ", got '"
                  + e.getValue()
                  + "'"
                  + closest(e.getValue(), choices));
        }
      }
      if (!p.acceptsOption(key)) {
        List<String> names = p.options().stream().map(SourceOption::name).toList();
        throw new IllegalArgumentException(
            "source "
                + spec.name()
                + ": unknown option '"
                + key
                + "'; options of "
                + spec.kind()
                + ": "
                + String.join(", ", names)
                + closest(key, names));
      }
    }
    p.location().check(spec);
    return p;
  }

  /**
   * Opens a source after {@link #check}. A source that cannot be read at all (its index file
   * missing, no class folders, ...) surfaces as a {@link SourceException} naming the source.
   */
  public static Source open(SourceSpec spec, SourceContext context) throws Exception {
    SourceProvider p = check(spec);
    try {
      return p.open(spec, context);
    } catch (SourceException e) {
      throw e;
    } catch (IOException | UncheckedIOException e) {
      throw new SourceException("source " + spec.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * "; did you mean 'x'?" when one name is a likely typo of {@code word}, else "". Among equally
   * close names one that extends or shortens the word wins ({@code mask} means {@code masks}).
   */
  static String closest(String word, List<String> names) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    String best = null;
    int bestScore = Integer.MAX_VALUE;
    for (String n : names) {
      String m = n.toLowerCase(java.util.Locale.ROOT);
      int d = distance(w, m);
      if (d > Math.max(1, word.length() / 3)) {
        continue;
      }
      int score = 2 * d - (m.startsWith(w) || w.startsWith(m) ? 1 : 0);
      if (score < bestScore) {
        bestScore = score;
        best = n;
      }
    }
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
