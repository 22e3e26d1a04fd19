package io.medloom.io.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the first body part out of a {@code multipart/related} answer (RFC 2387, as WADO-RS sends
 * instances, PS3.18 8.7.3). Only what WADO-RS needs: the boundary from the Content-Type header,
 * part headers skipped, the content up to the next delimiter.
 */
final class MultipartRelated {
  /** {@code boundary=token} or {@code boundary="quoted string"} (which may hold '=' or spaces). */
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i);\\s*boundary\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

  private MultipartRelated() {}

  /** The {@code boundary} parameter of a multipart Content-Type; throws when there is none. */
  static String boundary(String contentType) throws IOException {
    String lower = contentType.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("multipart/")) {
      throw new IOException("expected a multipart/related answer; got Content-Type " + contentType);
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (m.find()) {
      String b = m.group(1) != null ? m.group(1) : m.group(2);
      if (!b.isEmpty() && b.length() <= 200) {
        return b;
      }
    }
    throw new IOException(
        "multipart answer without a usable boundary: Content-Type " + contentType);
  }

  /**
   * The content of the first part of {@code body}.
   *
   * @throws IOException naming what is missing when the body is not multipart with that boundary
   */
  static byte[] firstPart(byte[] body, String boundary) throws IOException {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, delimiter, 0);
    if (start < 0) {
      throw new IOException(
          "multipart answer of " + body.length + " bytes lacks the boundary --" + boundary);
    }
    int headersStart = lineEnd(body, start + delimiter.length);
    if (headersStart < 0) {
      throw new IOException("multipart answer ends right after its first boundary");
    }
    // Part headers end at an empty line; RFC 2046 says CRLF, some servers send bare LF.
    int content = -1;
    for (int i = headersStart; i < body.length; ) {
      int next = lineEnd(body, i);
      if (next < 0) {
        break;
      }
      if (next - i <= 2 && isLineBreakOnly(body, i, next)) {
        content = next;
        break;
      }
      i = next;
    }
    if (content < 0) {
      throw new IOException("multipart part has no end of headers (empty line)");
    }
    // The delimiter belongs to the line break before it, so the content ends before that break.
    byte[] next = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int end = indexOf(body, next, content - 1);
    if (end < content - 1) {
      throw new IOException(
          "multipart part is truncated: no closing boundary after byte " + content);
    }
    if (end > content && body[end - 1] == '\r') {
      end--;
    }
    end = Math.max(end, content);
    byte[] out = new byte[end - content];
    System.arraycopy(body, content, out, 0, out.length);
    return out;
  }

  private static boolean isLineBreakOnly(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != '\r' && b[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  /** The index just after the next '\n' at or after {@code from}, or -1. */
  private static int lineEnd(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
