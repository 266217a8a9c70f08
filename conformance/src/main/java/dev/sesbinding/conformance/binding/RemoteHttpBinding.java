package dev.sesbinding.conformance.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.conformance.Outcome;
import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.internal.JsonStrings;
import dev.sesbinding.serving.ErrorCase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Any Dapr-compatible HTTP endpoint (this project's server, or a Dapr sidecar with this project's
 * component or its own {@code bindings.aws.ses}): {@code POST /v1.0/bindings/{name}} with Dapr's
 * request shape and error JSON. The component must already be configured there under the same name,
 * of any {@code bindings.*} type; how the target words errors (a status by cause, or daprd's
 * wrapping) is read from its answer to an operation no binding supports.
 */
public final class RemoteHttpBinding implements BindingUnderTest {
  private static final String PROBE = "conformance-probe-operation";
  private static final Pattern SUPPORTED = Pattern.compile("supported operations:(.*)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI baseUrl;
  private final String apiToken;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String name;
  private boolean daprdWraps;
  private String found = "";

  /** {@code apiToken} is sent as {@code dapr-api-token} when not empty. */
  public RemoteHttpBinding(URI baseUrl, String apiToken) {
    this.baseUrl = baseUrl;
    this.apiToken = apiToken == null ? "" : apiToken;
  }

  @Override
  public void init(ConformanceComponent component) throws Exception {
    name = component.name();
    HttpResponse<String> health =
        send(HttpRequest.newBuilder(baseUrl.resolve("/v1.0/healthz")).GET());
    if (health.statusCode() != 204) {
      throw new IllegalStateException(
          baseUrl + "/v1.0/healthz answered " + health.statusCode() + ", not 204");
    }
    HttpResponse<String> metadata =
        send(HttpRequest.newBuilder(baseUrl.resolve("/v1.0/metadata")).GET());
    String type = "";
    for (JsonNode entry : JSON.readTree(metadata.body()).path("components")) {
      if (name.equals(entry.path("name").asText())
          && entry.path("type").asText().startsWith("bindings.")) {
        type = entry.path("type").asText();
      }
    }
    if (type.isEmpty()) {
      throw new IllegalStateException(
          baseUrl
              + " serves no binding "
              + name
              + " (its /v1.0/metadata: "
              + metadata.body()
              + ")");
    }
    HttpResponse<String> probe = post(PROBE, "\"\"", Map.of());
    daprdWraps =
        probe.statusCode() == 500 && probe.body().contains("\"ERR_INVOKE_OUTPUT_BINDING\"");
    found = DaprdWrapping.found(baseUrl.toString(), name, type, daprdWraps);
  }

  @Override
  public String found() {
    return found;
  }

  /** Dapr's HTTP API has no binding ping; the sidecar's health stands in for it. */
  @Override
  public void ping() throws Exception {
    HttpResponse<String> health =
        send(HttpRequest.newBuilder(baseUrl.resolve("/v1.0/healthz")).GET());
    if (health.statusCode() != 204) {
      throw new IllegalStateException("healthz answered " + health.statusCode());
    }
  }

  /**
   * Dapr's HTTP API does not list operations; its error for an unsupported one does, as Dapr words
   * it.
   */
  @Override
  public Set<String> operations() throws Exception {
    Outcome probe = invoke(PROBE, "\"\"", Map.of());
    Matcher supported = SUPPORTED.matcher(probe.message());
    if (probe.succeeded() || !supported.find()) {
      throw new IllegalStateException(
          "operation "
              + PROBE
              + " should fail with Dapr's \"supported operations:\" text,"
              + " but was "
              + probe.describe());
    }
    return Set.of(supported.group(1).trim().split(" +"));
  }

  @Override
  public Outcome invoke(String operation, String data, Map<String, String> metadata)
      throws Exception {
    HttpResponse<String> response = post(operation, data, metadata);
    int status = response.statusCode();
    if (status == 200 || status == 204) {
      Map<String, String> headers = new LinkedHashMap<>();
      response
          .headers()
          .map()
          .forEach(
              (key, values) -> {
                if (key.toLowerCase(Locale.ROOT).startsWith("metadata.")) {
                  headers.put(key.substring("metadata.".length()), values.get(0));
                }
              });
      String messageId =
          headers.getOrDefault(
              "messageId",
              status == 200 ? JSON.readTree(response.body()).path("messageId").asText("") : "");
      return Outcome.success(messageId, headers, status);
    }
    String message = errorMessage(response.body());
    return daprdWraps
        ? DaprdWrapping.outcome(message, name)
        : Outcome.failure(kindOf(status), status, DaprdWrapping.withoutPrefix(message, name));
  }

  private HttpResponse<String> post(String operation, String data, Map<String, String> metadata)
      throws IOException, InterruptedException {
    String body =
        "{\"operation\":"
            + JsonStrings.quote(operation)
            + ",\"metadata\":{"
            + metadata.entrySet().stream()
                .map(e -> JsonStrings.quote(e.getKey()) + ":" + JsonStrings.quote(e.getValue()))
                .collect(Collectors.joining(","))
            + "}"
            + (data == null ? "" : ",\"data\":" + data)
            + "}";
    return send(
        HttpRequest.newBuilder(baseUrl.resolve("/v1.0/bindings/" + name))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String errorMessage(String body) {
    try {
      return JSON.readTree(body).path("message").asText(body);
    } catch (IOException e) {
      return body;
    }
  }

  private static BindingException.Kind kindOf(int status) {
    for (BindingException.Kind kind : BindingException.Kind.values()) {
      if (ErrorCase.of(kind).httpStatus() == status) {
        return kind;
      }
    }
    return null;
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    if (!apiToken.isEmpty()) {
      request.header("dapr-api-token", apiToken);
    }
    return client.send(
        request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "the HTTP endpoint " + baseUrl;
  }
}
