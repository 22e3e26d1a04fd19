package io.medloom.io.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries, status handling and credentials against a scripted local HTTP server. */
class DicomWebClientTest {
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> authHeaders = new CopyOnWriteArrayList<>();
  private volatile int[] statuses = {200};

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          int n = requests.getAndIncrement();
          authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          int status = statuses[Math.min(n, statuses.length - 1)];
          byte[] body = ("answer " + status).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dw/instances");
  }

  private static DicomWebClient client(Optional<String> auth) {
    return new DicomWebClient(auth, 1);
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() throws IOException {
    statuses = new int[] {503, 502, 200};
    DicomWebClient.Response r = client(Optional.empty()).get(uri(), "*/*", 1000);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("answer 200");
    assertThat(requests).hasValue(3);
  }

  @Test
  void persistentServerErrorNamesUrlAndStatusAfterThreeAttempts() {
    statuses = new int[] {500};
    assertThatThrownBy(() -> client(Optional.empty()).get(uri(), "*/*", 1000))
        .isInstanceOf(DicomWebClient.StatusException.class)
        .hasMessageContaining("GET " + uri() + " answered HTTP 500: answer 500");
    assertThat(requests).hasValue(DicomWebClient.ATTEMPTS);
  }

  @Test
  void clientErrorsAndNotImplementedAreNotRetried() {
    statuses = new int[] {404};
    assertThatThrownBy(() -> client(Optional.empty()).get(uri(), "*/*", 1000))
        .hasMessageContaining("HTTP 404");
    statuses = new int[] {501};
    requests.set(0);
    assertThatThrownBy(() -> client(Optional.empty()).get(uri(), "*/*", 1000))
        .hasMessageContaining("HTTP 501");
    assertThat(requests).hasValue(1);
  }

  @Test
  void basicAuthIsSentButNeverInMessages() {
    statuses = new int[] {401};
    DicomWebOptions o =
        DicomWebOptions.parse(
            io.medloom.core.source.SourceSpec.parse("dicomweb:http://h/dw?auth=alice:s3cret"));
    assertThatThrownBy(() -> client(o.authorization()).get(uri(), "*/*", 1000))
        .hasMessageContaining("HTTP 401 (check the auth=user:password option)")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining(o.authorization().get().substring(6));
    assertThat(authHeaders).containsExactly(o.authorization().get());
  }

  @Test
  void oversizedBodiesAreRefused() {
    statuses = new int[] {200};
    assertThatThrownBy(() -> client(Optional.empty()).get(uri(), "*/*", 5))
        .hasMessageContaining("exceeds the size budget of 5 bytes");
  }
}
