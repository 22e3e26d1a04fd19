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
  /**
   * Words that make an option a credential when its name contains one (case-insensitive): {@code
   * auth}, {@code api_key}, {@code Token}, {@code client_secret}, {@code PASSWORD}, ... Such values
   * are shown as {@value #MASK} in logs, errors and {@code dataset.json}.
   */
  public static final java.util.List<String> SECRET_WORDS =
      java.util.List.of("auth", "token", "password", "passwd", "secret", "key", "credential");

  /** What a secret option's value is replaced with wherever the spec is shown. */
  public static final String MASK = "***";

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
        redact(text));
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
        checkArgument(eq > 0, "source option must be name=value: '%s' in '%s'", pair, redact(text));
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
    redactedOptions().forEach((k, v) -> sb.append(k).append('=').append(v).append('&'));
    return sb.substring(0, sb.length() - 1);
  }

  /** True when the option's value is a credential (its name contains a {@link #SECRET_WORDS}). */
  public static boolean isSecret(String option) {
    String lower = option.toLowerCase(java.util.Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  /** The options with every credential's value replaced by {@value #MASK}. */
  public Map<String, String> redactedOptions() {
    return redact(options);
  }

  /** {@code options} with every credential's value replaced by {@value #MASK}. */
  public static Map<String, String> redact(Map<String, String> options) {
    Map<String, String> out = new TreeMap<>();
    options.forEach((k, v) -> out.put(k, isSecret(k) ? MASK : v));
    return Collections.unmodifiableMap(out);
  }

  /**
   * A spec as the user typed it, with the value of every {@code name=value} pair whose name is a
   * credential masked: for error messages about specs that do not parse.
   */
  public static String redact(String text) {
    int q = text.indexOf('?');
    if (q < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.substring(0, q + 1));
    String[] pairs = text.substring(q + 1).split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      sb.append(
          eq > 0 && isSecret(decode(pair.substring(0, eq)))
              ? pair.substring(0, eq + 1) + MASK
              : pair);
      if (i < pairs.length - 1) {
        sb.append('&');
      }
    }
    return sb.toString();
  }
}
