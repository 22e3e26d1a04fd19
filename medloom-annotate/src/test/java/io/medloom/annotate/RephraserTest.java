package io.medloom.annotate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.medloom.core.model.Sample;
import io.medloom.core.model.Text;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RephraserTest {
  /** A right upper zone nodule, annotated by the real stage. */
  private static Sample annotated() {
    Sample s = GeometryTest.chest("PA", "DX", GeometryTest.rect(20, 20, 30, 30), 180, true);
    return new AnnotateStageProvider(List.of()).apply(s);
  }

  private static ChatClient answering(UnaryOperator<String> f) {
    return new ChatClient() {
      @Override
      public String model() {
        return "fake-7b";
      }

      @Override
      public String complete(String system, String user) {
        return f.apply(user);
      }
    };
  }

  private static Text roiText(Sample s) {
    return s.texts().stream().filter(t -> t.kind().equals("desc.roi")).findFirst().orElseThrow();
  }

  @Test
  void aFaithfulRephrasingReplacesTheComposedTextWithLlmProvenance() {
    Sample s = annotated();
    String composed = roiText(s).text();
    assertThat(composed).contains("right upper zone");
    // Same claims in another order: accepted.
    Rephraser r =
        new Rephraser(
            answering(t -> "In the right upper zone, a nodule is visible" + claimsTail(composed)));
    Sample out = r.apply(s);
    Text t = roiText(out);
    assertThat(t.origin()).isEqualTo("llm:fake-7b");
    assertThat(t.roiId()).isEqualTo(roiText(s).roiId());
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(out.texts()).hasSameSizeAs(s.texts());
  }

  /** The appearance and size words of the composed text, so a rephrasing can keep them. */
  private static String claimsTail(String composed) {
    StringBuilder sb = new StringBuilder();
    for (String w :
        List.of(
            "tiny",
            "small",
            "moderate-sized",
            "large",
            "round",
            "oval",
            "elongated",
            "irregular",
            "hyperdense",
            "isodense",
            "hypodense",
            "homogeneous",
            "heterogeneous")) {
      if (java.util.regex.Pattern.compile("\\b" + w + "\\b").matcher(composed).find()) {
        sb.append(", ").append(w);
      }
    }
    return sb + ".";
  }

  @Test
  void answersThatChangeFactsKeepTheComposedText() {
    Sample s = annotated();
    String composed = roiText(s).text();
    for (var bad :
        List.<UnaryOperator<String>>of(
            t -> t.replace("right", "left"), // wrong side
            t -> t.replace("upper", "lower"), // wrong zone
            t -> t.replace("nodule", "lesion"), // finding dropped
            t -> t + " A pneumothorax is also seen.", // finding added
            t -> "In the right zone there is a nodule.", // zone word dropped
            t -> "", // empty
            t -> t + "\n" + t)) { // not one sentence
      Rephraser r = new Rephraser(answering(bad));
      Text t = roiText(r.apply(s));
      assertThat(t.text()).as(bad.apply(composed)).isEqualTo(composed);
      assertThat(t.origin()).isEqualTo(Composer.ORIGIN);
      assertThat(r.accepted()).isZero();
      assertThat(r.refused().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
    }
  }

  @Test
  void anUnreachableEndpointIsCountedNotFatal() {
    Sample s = annotated();
    Rephraser r =
        new Rephraser(
            new ChatClient() {
              @Override
              public String model() {
                return "down";
              }

              @Override
              public String complete(String system, String user) throws IOException {
                throw new IOException("connection refused");
              }
            });
    assertThat(roiText(r.apply(s)).origin()).isEqualTo(Composer.ORIGIN);
    assertThat(r.refused()).containsEntry("endpoint error", 1L);
    assertThat(r.summary()).contains("1 asked, 0 accepted");
  }

  @Test
  void openAiClientSpeaksTheChatCompletionsProtocol() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    AtomicReference<String> auth = new AtomicReference<>();
    server.createContext(
        "/v1/chat/completions",
        ex -> {
          seen.set(new ObjectMapper().readTree(ex.getRequestBody()));
          auth.set(ex.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\" Reworded. \"}}]}"
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.createContext(
        "/broken/v1/chat/completions",
        ex -> {
          ex.sendResponseHeaders(500, -1);
          ex.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      OpenAiChatClient c =
          new OpenAiChatClient(
              URI.create(base), "m1", Optional.of("sk-test"), Duration.ofSeconds(5));
      assertThat(c.complete("sys", "user text")).isEqualTo("Reworded.");
      assertThat(seen.get().path("model").asText()).isEqualTo("m1");
      assertThat(seen.get().path("messages").get(1).path("content").asText())
          .isEqualTo("user text");
      assertThat(auth.get()).isEqualTo("Bearer sk-test");
      OpenAiChatClient broken =
          new OpenAiChatClient(
              URI.create(base + "/broken"), "m1", Optional.empty(), Duration.ofSeconds(5));
      assertThatThrownBy(() -> broken.complete("s", "u")).hasMessageContaining("HTTP 500");
    } finally {
      server.stop(0);
    }
    assertThatThrownBy(
            () ->
                new OpenAiChatClient(
                    URI.create("file:///etc/passwd"), "m", Optional.empty(), Duration.ofSeconds(1)))
        .hasMessageContaining("http(s)");
  }
}
