package io.medloom.core.privacy;

import static io.medloom.core.Checks.checkArgument;

import io.medloom.core.model.Rejection;
import io.medloom.core.source.SourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a build stores where each input came from ({@code original_path}, and the path of every
 * rejection). Paths inside a source very often carry identifiers — a PACS export's {@code
 * <PatientID>/<StudyInstanceUID>/...}, DICOMweb's {@code studies/<UID>/series/<UID>/...}, MIMIC's
 * {@code files/p10/p10000032/...} — so by default a path is stored as {@code keyed:} and the first
 * 128 bits (hex) of HMAC-SHA256 over (source, path) with the build secret: equal paths get equal
 * keys within a build (and across builds sharing a {@code --key-file}), and without the secret the
 * key says nothing about the path.
 *
 * <p>A source may keep its paths in clear with the option {@code paths=clear} (e.g. a public
 * dataset whose file names are known to carry no identifiers). Sources whose item names are
 * synthetic (the phantom) default to clear; see {@code SourceProvider#pathsMayIdentify()}.
 */
public final class PathKeys {
  /** The source option that chooses the policy. */
  public static final String OPTION = "paths";

  public static final String KEYED = "keyed";
  public static final String CLEAR = "clear";

  /** Every keyed path starts with this. */
  public static final String PREFIX = "keyed:";

  private static final int KEY_HEX_LENGTH = 32;

  private final byte[] secret;
  private final Set<String> clearSources;

  private PathKeys(byte[] secret, Set<String> clearSources) {
    this.secret = secret == null ? null : secret.clone();
    this.clearSources = Set.copyOf(clearSources);
  }

  /**
   * Stores every path as given: for re-running stages over a finished dataset, whose paths were
   * stored (keyed or not) when it was built.
   */
  public static PathKeys asGiven() {
    return new PathKeys(null, Set.of());
  }

  /**
   * The policy of a build: each source's {@value #OPTION} option ({@value #KEYED} or {@value
   * #CLEAR}), defaulting to keyed when {@code pathsMayIdentify} says the source kind's paths may
   * carry identifiers, and to clear otherwise.
   *
   * @throws IllegalArgumentException naming the source when the option has another value
   */
  public static PathKeys forSources(
      byte[] secret, List<SourceSpec> sources, Predicate<String> pathsMayIdentify) {
    checkArgument(secret.length >= 16, "secret must be at least 16 bytes, got %s", secret.length);
    Set<String> clear = new HashSet<>();
    for (SourceSpec s : sources) {
      String policy = s.option(OPTION, pathsMayIdentify.test(s.kind()) ? KEYED : CLEAR);
      checkArgument(
          policy.equals(KEYED) || policy.equals(CLEAR),
          "source option %s must be %s (the default: paths stored as keyed hashes) or %s (paths"
              + " stored as they are); got '%s' in %s",
          OPTION,
          KEYED,
          CLEAR,
          policy,
          s);
      if (policy.equals(CLEAR)) {
        clear.add(s.name());
      }
    }
    return new PathKeys(secret, clear);
  }

  /** The path as a build stores it for an input of {@code source} (the spec's name). */
  public String stored(String source, String path) {
    if (secret == null || path.isEmpty() || clearSources.contains(source)) {
      return path;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] h =
          mac.doFinal(("path\u0000" + source + "\u0000" + path).getBytes(StandardCharsets.UTF_8));
      return PREFIX + HexFormat.of().formatHex(h, 0, KEY_HEX_LENGTH / 2);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
    }
  }

  /**
   * The rejection as a build stores it: its path keyed like a sample's, and that path (as given, or
   * normalized the way readers name files) replaced by the key in the reason, since readers name
   * the file they failed on.
   */
  public Rejection stored(Rejection r) {
    String path = r.originalPath();
    String stored = stored(r.source(), path);
    if (stored.equals(path)) {
      return r;
    }
    String reason = r.reason().replace(path, stored);
    String normalized = normalized(path);
    if (!normalized.isEmpty() && !normalized.equals(path)) {
      reason = reason.replace(normalized, stored);
    }
    return new Rejection(r.source(), stored, r.stage(), reason);
  }

  private static String normalized(String path) {
    try {
      return Path.of(path).normalize().toString();
    } catch (InvalidPathException e) {
      return "";
    }
  }
}
