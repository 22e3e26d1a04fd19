package io.medloom.core.source;

import static io.medloom.core.Checks.checkArgument;
import static io.medloom.core.Checks.notBlank;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A source as the user writes it: {@code KIND:LOCATION[?opt=v&...]}, e.g. {@code phantom:600} or
 * {@code folder:/data/busi?modality=US}.
 */
public record SourceSpec(String kind, String location, Map<String, String> options) {
  /** Options whose values are credentials. */
  public static final java.util.Set<String> SECRET_OPTIONS =
      java.util.Set.of("auth", "password", "token");

  public SourceSpec {
    notBlank(kind, "source kind");
    notBlank(location, "source location");
    options = Collections.unmodifiableMap(new TreeMap<>(options));
  }

  public static SourceSpec parse(String text) {
    int colon = text.indexOf(':');
    checkArgument(
        colon > 0 && colon < text.length() - 1,
        "source must look like KIND:LOCATION[?opt=v&...], e.g. phantom:600 or folder:DIR; got '%s'",
        text);
    String kind = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    Map<String, String> opts = new TreeMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        checkArgument(eq > 0, "source option must be name=value: '%s' in '%s'", pair, text);
        opts.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
      rest = rest.substring(0, q);
    }
    return new SourceSpec(kind, rest, opts);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  /** {@code kind:location}, without options: the source's name in rows and rejections. */
  public String name() {
    return kind + ":" + location;
  }

  @Override
  public String toString() {
    if (options.isEmpty()) {
      return name();
    }
    StringBuilder sb = new StringBuilder(name()).append('?');
    // Credentials never reach logs, dataset.json or config hashes in clear.
    options.forEach(
        (k, v) ->
            sb.append(k).append('=').append(SECRET_OPTIONS.contains(k) ? "***" : v).append('&'));
    return sb.substring(0, sb.length() - 1);
  }
}
