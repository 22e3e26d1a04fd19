package io.medloom.io.dicomweb;

import io.medloom.core.source.SourceSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The options of a {@code dicomweb:BASE_URL} source, checked once when the source is opened.
 *
 * @param base the DICOMweb root without a trailing slash, e.g. {@code http://pacs/dicom-web}
 * @param authorization the {@code Authorization} header value, if {@code auth=user:password} was
 *     given; a secret, so {@link #toString()} never shows it
 * @param pageSize QIDO page size ({@code limit}/{@code offset} paging)
 * @param qido how to find instances: at {@code /instances}, through the study/series hierarchy, or
 *     the former with the latter as fallback
 * @param transferSyntax the {@code transfer-syntax} parameter of the WADO-RS Accept header, empty
 *     to leave it out (the server then transcodes to Explicit VR Little Endian)
 * @param filters the remaining options, sent as QIDO matching parameters (e.g. Modality=CT)
 */
record DicomWebOptions(
    URI base,
    Optional<String> authorization,
    int pageSize,
    Qido qido,
    String transferSyntax,
    Map<String, String> filters) {

  /** How instances are found. */
  enum Qido {
    AUTO,
    INSTANCES,
    HIERARCHY
  }

  static final int DEFAULT_PAGE_SIZE = 500;

  /** Options this source interprets itself; every other option is a QIDO filter. */
  private static final Set<String> RESERVED =
      Set.of("auth", "limit", "qido", "transfer_syntax", "license", "paths", "burned_in");

  /**
   * A DICOM keyword (StudyDate), a tag (00080020) or a sequence path; QIDO flags (fuzzymatching).
   */
  private static final Pattern FILTER_NAME =
      Pattern.compile(
          "[A-Za-z][A-Za-z0-9]*|[0-9A-Fa-f]{8}(\\.[0-9A-Fa-f]{8}|\\.[A-Za-z][A-Za-z0-9]*)*");

  /** Whether {@code name} is an option of this source or a QIDO filter it passes on. */
  static boolean isOption(String name) {
    return RESERVED.contains(name) || FILTER_NAME.matcher(name).matches();
  }

  DicomWebOptions {
    filters = Map.copyOf(filters);
  }

  static DicomWebOptions parse(SourceSpec spec) {
    URI base = parseBase(spec.location());
    Optional<String> authorization =
        Optional.ofNullable(spec.options().get("auth")).map(a -> basic(a));
    int pageSize = parsePageSize(spec.option("limit", String.valueOf(DEFAULT_PAGE_SIZE)));
    Qido qido = parseQido(spec.option("qido", "auto"));
    // "*" asks for the stored transfer syntax: without it the standard default (Explicit VR Little
    // Endian) makes the server transcode, which fails on servers lacking a codec (Orthanc answers
    // HTTP 500 for JPEG 2000) and inflates the transfer. DicomReader decodes the originals.
    String ts = spec.option("transfer_syntax", "*");
    if (ts.equals("none")) {
      ts = "";
    } else if (!ts.equals("*") && !ts.matches("[0-9]+(\\.[0-9]+)*")) {
      throw new IllegalArgumentException(
          "dicomweb option transfer_syntax must be *, none or a UID; got '" + ts + "'");
    }
    Map<String, String> filters = new TreeMap<>();
    for (Map.Entry<String, String> e : spec.options().entrySet()) {
      if (RESERVED.contains(e.getKey())) {
        continue;
      }
      if (!FILTER_NAME.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException(
            "dicomweb option '"
                + e.getKey()
                + "' is neither an option (auth, limit, qido, transfer_syntax, license, paths,"
                + " burned_in) nor a DICOM keyword or tag to filter on");
      }
      filters.put(e.getKey(), e.getValue());
    }
    return new DicomWebOptions(base, authorization, pageSize, qido, ts, filters);
  }

  private static URI parseBase(String location) {
    URI uri;
    try {
      uri = new URI(location);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "dicomweb location is not a URL: '" + location + "' (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "dicomweb location must be an http:// or https:// URL with a host; got '"
              + location
              + "'");
    }
    if (uri.getRawUserInfo() != null) {
      // The location is printed in rows and logs; a password in it would leak. Not echoed here.
      throw new IllegalArgumentException(
          "dicomweb location must not contain credentials; use the auth=user:password option");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "dicomweb location must be the DICOMweb root without ?query or #fragment; got '"
              + location
              + "'");
    }
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  private static String basic(String userColonPassword) {
    if (userColonPassword.indexOf(':') <= 0) {
      // The value is (part of) a secret: say what is wrong without showing it.
      throw new IllegalArgumentException(
          "dicomweb option auth must be user:password (the user part is missing or has no ':')");
    }
    return "Basic "
        + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }

  private static int parsePageSize(String text) {
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > 100_000) {
      throw new IllegalArgumentException(
          "dicomweb option limit must be a page size from 1 to 100000; got '" + text + "'");
    }
    return n;
  }

  private static Qido parseQido(String text) {
    try {
      return Qido.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "dicomweb option qido must be auto, instances or hierarchy; got '" + text + "'");
    }
  }

  /** The WADO-RS Accept header for one Part 10 instance. */
  String acceptDicom() {
    String accept = "multipart/related; type=\"application/dicom\"";
    return transferSyntax.isEmpty() ? accept : accept + "; transfer-syntax=" + transferSyntax;
  }

  @Override
  public String toString() {
    return "DicomWebOptions[base="
        + base
        + ", auth="
        + (authorization.isPresent() ? "(set)" : "(none)")
        + ", pageSize="
        + pageSize
        + ", qido="
        + qido
        + ", transferSyntax="
        + transferSyntax
        + ", filters="
        + filters
        + "]";
  }
}
