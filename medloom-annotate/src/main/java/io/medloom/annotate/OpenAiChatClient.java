package io.medloom.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A client for an OpenAI-compatible {@code /v1/chat/completions} endpoint (a local llama.cpp, vLLM
 * or Ollama server, or a hosted one). Temperature 0 so a re-run asks for the same rephrasing. The
 * API key, when one is needed, comes from the environment and is never logged.
 */
public final class OpenAiChatClient implements ChatClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final String model;
  private final Optional<String> apiKey;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param base the server's base URL ({@code http://127.0.0.1:8000}) or the full completions URL
   */
  public OpenAiChatClient(URI base, String model, Optional<String> apiKey, Duration timeout) {
    String s = base.toString().replaceAll("/+$", "");
    if (!s.startsWith("http://") && !s.startsWith("https://")) {
      throw new IllegalArgumentException("--llm must be an http(s) URL: " + base);
    }
    this.endpoint =
        URI.create(
            s.endsWith("/chat/completions")
                ? s
                : s.endsWith("/v1") ? s + "/chat/completions" : s + "/v1/chat/completions");
    this.model = model;
    this.apiKey = apiKey.filter(k -> !k.isBlank());
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String model() {
    return model;
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String complete(String system, String user) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0);
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    apiKey.ifPresent(k -> req.header("Authorization", "Bearer " + k));
    HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IOException("chat endpoint " + endpoint + " answered HTTP " + resp.statusCode());
    }
    JsonNode content = JSON.readTree(resp.body()).path("choices").path(0).path("message");
    if (!content.path("content").isTextual()) {
      throw new IOException("chat endpoint " + endpoint + " sent no choices[0].message.content");
    }
    return content.path("content").asText().strip();
  }
}
