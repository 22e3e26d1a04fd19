package io.medloom.io.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * GET requests to a DICOMweb server with timeouts, retries and bounded bodies. Thread-safe: one
 * client serves the listing and all worker threads of a source.
 *
 * <p>Every failure is an IOException naming the URL (never the credentials) and, for an HTTP error,
 * the status; an HTTP error answer is a {@link StatusException} so callers can react to the status.
 */
final class DicomWebClient {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  static final int ATTEMPTS = 3;

  /** An HTTP answer outside 2xx. */
  static final class StatusException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    StatusException(String message, int status) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /** A 2xx answer whose body was read completely. */
  record Response(int status, HttpHeaders headers, byte[] body) {}

  private final HttpClient http;
  private final Optional<String> authorization;
  private final long backoffMillis;

  DicomWebClient(Optional<String> authorization, long backoffMillis) {
    this.authorization = authorization;
    this.backoffMillis = backoffMillis;
    // Redirects are not followed: the JDK client re-sends our Authorization header to wherever a
    // redirect points, and a moved server is better fixed in the source location anyway. HTTP/1.1
    // because the JDK's h2c upgrade attempt on http:// trips some servers (Orthanc drops a POST
    // carrying it) and a PACS gains nothing from HTTP/2 here.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * GETs {@code uri}; retries connection failures, timeouts and 5xx answers (but 501, which is
   * final) up to {@link #ATTEMPTS} times with doubling back-off.
   *
   * @param maxBytes a larger body is refused (it would not fit the source's size budget)
   */
  Response get(URI uri, String accept, long maxBytes) throws IOException {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", accept).GET();
    authorization.ifPresent(a -> rb.header("Authorization", a));
    HttpRequest request = rb.build();
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        sleep(backoffMillis << (attempt - 2), uri);
      }
      HttpResponse<InputStream> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("dicomweb: interrupted during GET " + uri);
      } catch (IOException e) {
        last =
            new IOException(
                "dicomweb: GET " + uri + " failed after " + attempt + " attempt(s): " + describe(e),
                e);
        continue;
      }
      int status = response.statusCode();
      try (InputStream in = response.body()) {
        if (status >= 200 && status < 300) {
          return new Response(status, response.headers(), readBounded(in, maxBytes, uri));
        }
        String detail = snippet(in);
        StatusException error =
            new StatusException(
                "dicomweb: GET "
                    + uri
                    + " answered HTTP "
                    + status
                    + hint(status, response)
                    + detail,
                status);
        if (status < 500 || status == 501) {
          throw error;
        }
        last = error;
      } catch (StatusException e) {
        throw e;
      } catch (IOException e) {
        last =
            new IOException(
                "dicomweb: GET " + uri + " broke off while reading the answer: " + describe(e), e);
      }
    }
    throw last;
  }

  private static String hint(int status, HttpResponse<?> response) {
    if (status == 401 || status == 403) {
      return " (check the auth=user:password option)";
    }
    if (status >= 300 && status < 400) {
      return " (redirect to "
          + response.headers().firstValue("Location").orElse("?")
          + "; use that URL as the source location)";
    }
    return "";
  }

  private static byte[] readBounded(InputStream in, long maxBytes, URI uri) throws IOException {
    byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (body.length > maxBytes) {
      throw new IOException(
          "dicomweb: GET " + uri + " answer exceeds the size budget of " + maxBytes + " bytes");
    }
    return body;
  }

  /** The start of an error body, on one line: servers often say there what is wrong. */
  private static String snippet(InputStream in) {
    try {
      String text = new String(in.readNBytes(300), StandardCharsets.UTF_8).strip();
      text = text.replaceAll("\\s+", " ");
      return text.isEmpty() ? "" : ": " + text;
    } catch (IOException e) {
      return "";
    }
  }

  private static String describe(IOException e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : " " + msg);
  }

  private static void sleep(long millis, URI uri) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("dicomweb: interrupted while retrying GET " + uri);
    }
  }
}
