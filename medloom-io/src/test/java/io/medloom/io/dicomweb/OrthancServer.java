package io.medloom.io.dicomweb;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.medloom.testing.Requirements;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Orthanc (Debian packages {@code orthanc} and {@code orthanc-dicomweb}) in a temp
 * directory, reachable on loopback only, for tests against a real DICOMweb server.
 */
final class OrthancServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> BINARIES = List.of("/usr/sbin/Orthanc");
  private static final List<String> PLUGINS =
      List.of(
          "/usr/share/orthanc/plugins/libOrthancDicomWeb.so",
          "/usr/lib/orthanc/libOrthancDicomWeb.so");

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private OrthancServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts Orthanc, or skips the test when it is not installed; when requirements are strict (CI,
   * which installs the packages) a missing Orthanc fails instead, so the DICOMweb tests cannot
   * silently vanish ({@link Requirements}).
   */
  static OrthancServer start(Path dir) throws Exception {
    Path binary = find("ORTHANC_BINARY", BINARIES, "orthanc");
    Path plugin = find("ORTHANC_DICOMWEB_PLUGIN", PLUGINS, "orthanc-dicomweb");
    int port = freePort();
    Path storage = Files.createDirectories(dir.resolve("db"));
    // Nothing beyond loopback: no DICOM listener, HTTP refused to remote hosts, no peers,
    // modalities, remote DICOMweb servers, proxy, Lua or plugins other than DICOMweb.
    Map<String, Object> config =
        Map.ofEntries(
            Map.entry("Name", "medloom-test"),
            Map.entry("HttpPort", port),
            Map.entry("DicomServerEnabled", false),
            Map.entry("RemoteAccessAllowed", false),
            Map.entry("AuthenticationEnabled", false),
            Map.entry("OrthancExplorerEnabled", false),
            Map.entry("WebDavEnabled", false),
            Map.entry("StorageDirectory", storage.toString()),
            Map.entry("IndexDirectory", storage.toString()),
            Map.entry("Plugins", List.of(plugin.toString())),
            Map.entry("LuaScripts", List.of()),
            Map.entry("DicomModalities", Map.of()),
            Map.entry("OrthancPeers", Map.of()),
            Map.entry("HttpProxy", ""),
            Map.entry(
                "DicomWeb", Map.of("Enable", true, "Root", "/dicom-web/", "Servers", Map.of())));
    Path configFile = dir.resolve("config.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
    Path log = dir.resolve("orthanc.log");
    Process p =
        new ProcessBuilder(binary.toString(), configFile.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    OrthancServer server = new OrthancServer(p, log, port);
    try {
      server.awaitReady(Duration.ofSeconds(30));
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static Path find(String env, List<String> candidates, String pkg) {
    String override = System.getenv(env);
    List<String> paths = override == null || override.isBlank() ? candidates : List.of(override);
    for (String c : paths) {
      if (Files.isRegularFile(Path.of(c))) {
        return Path.of(c);
      }
    }
    Requirements.require(
        false,
        pkg + " is not installed (looked for " + paths + ")",
        "apt-get install " + pkg + ", or set " + env);
    throw new AssertionError("unreachable");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("Orthanc exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        if (send(HttpRequest.newBuilder(uri("/system")).GET()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    fail("Orthanc did not answer GET /system within " + timeout + ":\n" + logTail());
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  String dicomWebRoot() {
    return uri("/dicom-web").toString();
  }

  /** POST /instances; returns Orthanc's id of the stored (or already stored) instance. */
  String upload(Path file) throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/instances"))
                .header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(file)));
    if (r.statusCode() != 200) {
      fail("upload of " + file.getFileName() + " answered " + r.statusCode() + ": " + r.body());
    }
    JsonNode n = JSON.readTree(r.body());
    return n.path("ID").asText();
  }

  void delete(String orthancId) throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/instances/" + orthancId)).DELETE());
    if (r.statusCode() != 200) {
      fail("DELETE of instance " + orthancId + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(
        b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
