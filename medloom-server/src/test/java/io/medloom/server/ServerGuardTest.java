package io.medloom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.store.review.ReviewLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps the viewer to its own machine: the Host header (DNS rebinding), the token for reads
 * when bound beyond loopback, a cap on every request body however it is framed, and corrections
 * checked against what the dataset allows. Requests go over raw sockets so no client rewrites the
 * Host header or the framing.
 */
class ServerGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path dataset;
  static ViewerServer local;

  @BeforeAll
  static void start() throws Exception {
    dataset = DemoDataset.build(tmp, 12);
    local = ViewerServer.start(List.of(dataset), new ViewerServer.Options("127.0.0.1", 0, true));
  }

  @AfterAll
  static void stop() throws Exception {
    local.close();
  }

  /** Status line, headers and body of one raw HTTP exchange. */
  record Answer(int status, String head, String body) {
    Optional<String> header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return Optional.of(line.substring(colon + 1).strip());
        }
      }
      return Optional.empty();
    }
  }

  static Answer raw(String address, int port, String head, byte[] body) throws Exception {
    try (Socket s = new Socket(address, port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        try {
          out.write(body);
        } catch (java.io.IOException e) {
          // The server may answer and close before the whole body is sent: that is the point.
        }
      }
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          all.write(buf, 0, n);
        }
      } catch (java.net.SocketException e) {
        // reset after the answer was read
      }
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int split = text.indexOf("\r\n\r\n");
      String h = split < 0 ? text : text.substring(0, split);
      String b = split < 0 ? "" : text.substring(split + 4);
      return new Answer(Integer.parseInt(h.split(" ")[1]), h, b);
    }
  }

  static Answer get(ViewerServer s, String address, String host, String path, String... extra)
      throws Exception {
    StringBuilder h = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
    if (host != null) {
      h.append("Host: ").append(host).append("\r\n");
    }
    for (String e : extra) {
      h.append(e).append("\r\n");
    }
    h.append("Connection: close\r\n\r\n");
    return raw(address, s.port(), h.toString(), null);
  }

  @Test
  void onlyThisMachinesNamesAreServed() throws Exception {
    int port = local.port();
    for (String host :
        List.of(
            "127.0.0.1",
            "127.0.0.1:" + port,
            "localhost",
            "LOCALHOST:" + port,
            "[::1]",
            "[::1]:" + port,
            "localhost:9000")) {
      assertThat(get(local, "127.0.0.1", host, "/api/datasets").status()).as(host).isEqualTo(200);
    }
    // A page on another origin whose name re-resolves to 127.0.0.1 (DNS rebinding) sends its own
    // name: it must not read anything, not even the viewer's page.
    for (String host :
        List.of(
            "attacker.example",
            "attacker.example:" + port,
            "127.0.0.1.attacker.example",
            "localhost.",
            "192.0.2.77:" + port)) {
      for (String path : List.of("/api/datasets", "/", "/api/samples?limit=1")) {
        Answer a = get(local, "127.0.0.1", host, path);
        assertThat(a.status()).as(host + " " + path).isEqualTo(421);
        assertThat(a.body()).contains("not this viewer's address");
      }
    }
    // Malformed names: Jetty or the guard refuses them, never an answer.
    for (String host : List.of("localhost:80x", "[::1", "localhost:8080:1")) {
      assertThat(get(local, "127.0.0.1", host, "/api/datasets").status()).as(host).isIn(400, 421);
    }
    // HTTP/1.0 lets a client leave the Host out: no name, no answer.
    Answer none =
        raw("127.0.0.1", port, "GET /api/datasets HTTP/1.0\r\nConnection: close\r\n\r\n", null);
    assertThat(none.status()).isEqualTo(421);
    assertThat(local.readsNeedToken()).isFalse();
  }

  @Test
  void beyondLoopbackEveryReadNeedsTheToken() throws Exception {
    String address = nonLoopbackAddress();
    try (ViewerServer exposed =
        ViewerServer.start(List.of(dataset), new ViewerServer.Options(address, 0, false))) {
      assertThat(exposed.readsNeedToken()).isTrue();
      String host = address + ":" + exposed.port();
      Answer anon = get(exposed, address, host, "/api/datasets");
      assertThat(anon.status()).isEqualTo(401);
      assertThat(anon.body()).contains("token");
      assertThat(get(exposed, address, host, "/").status()).isEqualTo(401);
      assertThat(
              get(exposed, address, host, "/api/datasets", "X-MedLoom-Token: " + "0".repeat(32))
                  .status())
          .isEqualTo(401);
      assertThat(
              get(exposed, address, host, "/api/datasets", "X-MedLoom-Token: " + exposed.token())
                  .status())
          .isEqualTo(200);
      // The link printed at start-up carries the token once; the answer moves it into a cookie
      // (HttpOnly, SameSite=Strict) so images and API calls of the page need nothing more.
      Answer link = get(exposed, address, host, "/?token=" + exposed.token());
      assertThat(link.status()).isEqualTo(303);
      assertThat(link.header("Location")).contains("/");
      String cookie = link.header("Set-Cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
      String pair = cookie.substring(0, cookie.indexOf(';'));
      assertThat(get(exposed, address, host, "/api/datasets", "Cookie: " + pair).status())
          .isEqualTo(200);
      assertThat(get(exposed, address, host, "/", "Cookie: " + pair).status()).isEqualTo(200);
      // The bound address is its own name; another name is still refused, token or not.
      assertThat(
              get(
                      exposed,
                      address,
                      "attacker.example",
                      "/api/datasets",
                      "X-MedLoom-Token: " + exposed.token())
                  .status())
          .isEqualTo(421);
    }
  }

  @Test
  void chunkedBodiesAreCappedLikeSizedOnes() throws Exception {
    String decision = validDecision();
    // A valid decision padded past the cap: whatever the framing, the server must not read it.
    byte[] padded =
        (decision.substring(0, decision.length() - 1)
                + ",\"pad\":\""
                + "x".repeat(3 * ViewerServer.MAX_BODY_BYTES)
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    String common =
        "POST /api/review/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\n"
            + ViewerServer.TOKEN_HEADER
            + ": "
            + local.token()
            + "\r\nConnection: close\r\n";
    Answer sized =
        raw(
            "127.0.0.1",
            local.port(),
            common + "Content-Length: " + padded.length + "\r\n\r\n",
            padded);
    assertThat(sized.status()).isEqualTo(413);
    ByteArrayOutputStream chunked = new ByteArrayOutputStream();
    for (int off = 0; off < padded.length; off += 4096) {
      int n = Math.min(4096, padded.length - off);
      chunked.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      chunked.write(padded, off, n);
      chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    int before = new ReviewLog(dataset).read().reviews().size();
    Answer streamed =
        raw(
            "127.0.0.1",
            local.port(),
            common + "Transfer-Encoding: chunked\r\n\r\n",
            chunked.toByteArray());
    assertThat(streamed.status()).isEqualTo(413);
    assertThat(streamed.body()).contains(Integer.toString(ViewerServer.MAX_BODY_BYTES));
    assertThat(new ReviewLog(dataset).read().reviews()).hasSize(before);
    // The same decision, small and chunked, is fine.
    byte[] small = decision.getBytes(StandardCharsets.UTF_8);
    String framed = Integer.toHexString(small.length) + "\r\n" + decision + "\r\n0\r\n\r\n";
    Answer ok =
        raw(
            "127.0.0.1",
            local.port(),
            common + "Transfer-Encoding: chunked\r\n\r\n",
            framed.getBytes(StandardCharsets.UTF_8));
    assertThat(ok.status()).isEqualTo(201);
  }

  @Test
  void correctionsMustNameWhatTheDatasetAllows() throws Exception {
    JsonNode sample = firstSample();
    String id = sample.path("id").asText();
    JsonNode sex = null;
    JsonNode findings = null;
    for (JsonNode l : sample.path("labels")) {
      if (l.path("task").asText().equals("sex")) {
        sex = l;
      }
      if (l.path("task").asText().equals("findings")) {
        findings = l;
      }
    }
    assertThat(sex).isNotNull();
    Map<String, Object> before = Map.of("index", sex.path("index").asInt());
    for (Object after :
        List.of(
            Map.of("index", 99, "name", "male"),
            Map.of("index", -1),
            Map.of("index", "one"),
            Map.of("name", "unknown sex"),
            Map.of("index", 1, "name", "female"),
            Map.of())) {
      Answer a = post(decision(id, Map.of("type", "label", "task", "sex"), before, after));
      assertThat(a.status()).as(after.toString()).isEqualTo(400);
      assertThat(a.body()).contains("sex");
    }
    assertThat(
            post(decision(id, Map.of("type", "label", "task", "sex"), before, Map.of("index", 1)))
                .status())
        .isEqualTo(201);
    // The log holds the class as the task names it, whatever subset the client sent.
    JsonNode last = lastLogged();
    assertThat(last.path("after").path("index").asInt()).isEqualTo(1);
    assertThat(last.path("after").path("name").asText()).isEqualTo("male");
    // Multilabel: class names or indices, each one a class of the task.
    Map<String, Object> fBefore = Map.of("name", findings.path("name").asText());
    assertThat(
            post(decision(
                    id,
                    Map.of("type", "label", "task", "findings"),
                    fBefore,
                    Map.of("indices", List.of(4, 99))))
                .status())
        .isEqualTo(400);
    assertThat(
            post(decision(
                    id,
                    Map.of("type", "label", "task", "findings"),
                    fBefore,
                    Map.of("names", List.of("nodule", "mass"))))
                .status())
        .isEqualTo(201);
    assertThat(lastLogged().path("after").path("indices").toString()).isEqualTo("[4,5]");
    // A region correction's box must be a box inside the image.
    String roi = sample.path("rois").get(0).path("id").asText();
    for (Object box : List.of(List.of(0, 0, 5000, 10), List.of(10, 10, 5, 20), List.of(1, 2, 3))) {
      assertThat(
              post(decision(
                      id,
                      Map.of("type", "roi", "roi_id", roi),
                      Map.of(),
                      Map.of("box", box, "label", "nodule")))
                  .status())
          .as(box.toString())
          .isEqualTo(400);
    }
  }

  private static JsonNode lastLogged() throws Exception {
    var all = new ReviewLog(dataset).read().reviews();
    return JSON.valueToTree(all.get(all.size() - 1));
  }

  private static JsonNode firstSample() throws Exception {
    JsonNode page =
        JSON.readTree(get(local, "127.0.0.1", "127.0.0.1", "/api/samples?limit=50").body());
    for (JsonNode it : page.path("items")) {
      JsonNode s =
          JSON.readTree(
              get(local, "127.0.0.1", "127.0.0.1", "/api/samples/" + it.path("id").asText())
                  .body());
      if (s.path("rois").size() > 0 && s.path("labels").size() > 1) {
        return s;
      }
    }
    throw new AssertionError("no sample with regions and labels");
  }

  private static String validDecision() throws Exception {
    JsonNode s = firstSample();
    JsonNode sex = null;
    for (JsonNode l : s.path("labels")) {
      if (l.path("task").asText().equals("sex")) {
        sex = l;
      }
    }
    return decision(
        s.path("id").asText(),
        Map.of("type", "label", "task", "sex"),
        Map.of("index", sex.path("index").asInt()),
        null,
        "accept");
  }

  private static String decision(
      String id, Map<String, Object> target, Map<String, Object> before, Object after)
      throws Exception {
    return decision(id, target, before, after, "correct");
  }

  private static String decision(
      String id,
      Map<String, Object> target,
      Map<String, Object> before,
      Object after,
      String action)
      throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("sample_id", id);
    body.put("reviewer", "dr guard");
    body.put("target", target);
    body.put("action", action);
    body.put("before", before);
    if (after != null) {
      body.put("after", after);
    }
    return JSON.writeValueAsString(body);
  }

  private static Answer post(String json) throws Exception {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return raw(
        "127.0.0.1",
        local.port(),
        "POST /api/review/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\n"
            + ViewerServer.TOKEN_HEADER
            + ": "
            + local.token()
            + "\r\nContent-Length: "
            + b.length
            + "\r\nConnection: close\r\n\r\n",
        b);
  }

  /** An address of this machine other than loopback (the test binds to it). */
  private static String nonLoopbackAddress() throws Exception {
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!ni.isUp() || ni.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(ni.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return a.getHostAddress();
        }
      }
    }
    assumeTrue(false, "this machine has no non-loopback IPv4 address to bind to");
    return null;
  }
}
