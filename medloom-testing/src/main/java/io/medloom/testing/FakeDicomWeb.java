package io.medloom.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal DICOMweb server on loopback for tests that need no real PACS: QIDO-RS {@code
 * /instances} and {@code /studies?StudyInstanceUID=} answer with the registered objects' UIDs and
 * patient attributes, WADO-RS {@code /studies/S/series/R/instances/I} with the Part 10 bytes as
 * {@code multipart/related}. Paging parameters are ignored (all results fit one page). Every
 * request's {@code Authorization} header is recorded.
 */
public final class FakeDicomWeb implements AutoCloseable {
  /** One object the server holds. */
  public record Instance(
      String patientId,
      String patientName,
      String accession,
      String study,
      String series,
      String sop,
      byte[] part10) {}

  private static final String BOUNDARY = "medloom-fake-boundary";

  private final HttpServer server;
  private final List<Instance> instances = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private FakeDicomWeb(HttpServer server) {
    this.server = server;
  }

  public static FakeDicomWeb start() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeDicomWeb fake = new FakeDicomWeb(http);
    http.createContext("/dicom-web/", fake::handle);
    http.start();
    return fake;
  }

  public FakeDicomWeb add(Instance instance) {
    instances.add(instance);
    return this;
  }

  /** The DICOMweb root, e.g. {@code http://127.0.0.1:PORT/dicom-web}. */
  public String root() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web";
  }

  /** The Authorization header of every request so far ("null" when absent). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  private void handle(HttpExchange ex) throws IOException {
    authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    URI uri = ex.getRequestURI();
    String rel = uri.getPath().substring("/dicom-web/".length());
    Map<String, String> query = query(uri.getRawQuery());
    try (ex) {
      if (rel.equals("instances")) {
        List<String> out = new ArrayList<>();
        for (Instance i : instances) {
          out.add(dataset(i, false));
        }
        json(ex, "[" + String.join(",", out) + "]");
        return;
      }
      if (rel.equals("studies")) {
        Map<String, String> byStudy = new LinkedHashMap<>();
        for (Instance i : instances) {
          String want = query.get("StudyInstanceUID");
          if (want == null || want.equals(i.study())) {
            byStudy.putIfAbsent(i.study(), dataset(i, true));
          }
        }
        json(ex, "[" + String.join(",", byStudy.values()) + "]");
        return;
      }
      String[] p = rel.split("/");
      if (p.length == 6 && p[0].equals("studies")) {
        for (Instance i : instances) {
          if (i.study().equals(p[1]) && i.series().equals(p[3]) && i.sop().equals(p[5])) {
            byte[] head =
                ("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders()
                .add(
                    "Content-Type",
                    "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY);
            ex.sendResponseHeaders(200, head.length + i.part10().length + tail.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(head);
              out.write(i.part10());
              out.write(tail);
            }
            return;
          }
        }
      }
      ex.sendResponseHeaders(404, -1);
    }
  }

  private static String dataset(Instance i, boolean studyLevel) {
    StringBuilder sb = new StringBuilder("{");
    sb.append(attr("0020000D", "UI", quoted(i.study())));
    if (studyLevel) {
      sb.append(',').append(attr("00100020", "LO", quoted(i.patientId())));
      sb.append(',')
          .append(attr("00100010", "PN", "{\"Alphabetic\":" + quoted(i.patientName()) + "}"));
      sb.append(',').append(attr("00080050", "SH", quoted(i.accession())));
    } else {
      sb.append(',').append(attr("0020000E", "UI", quoted(i.series())));
      sb.append(',').append(attr("00080018", "UI", quoted(i.sop())));
    }
    return sb.append('}').toString();
  }

  private static String attr(String tag, String vr, String value) {
    return "\"" + tag + "\":{\"vr\":\"" + vr + "\",\"Value\":[" + value + "]}";
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static void json(HttpExchange ex, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/dicom+json");
    ex.sendResponseHeaders(200, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
