package dev.sesbinding.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Small blocking HTTP calls to an emulator's control endpoints (test code: blocking is fine here).
 */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Http() {}

  static int status(URI uri) {
    try {
      return send(HttpRequest.newBuilder(uri).GET()).statusCode();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  static JsonNode getJson(URI uri) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET());
    check(uri, response);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("not JSON from " + uri + ": " + e.getMessage(), e);
    }
  }

  static void post(URI uri, String contentType, String body) {
    check(
        uri,
        send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  static void delete(URI uri) {
    check(uri, send(HttpRequest.newBuilder(uri).DELETE()));
  }

  /**
   * An SES query-API action, with an Authorization header whose scope names the region (emulators
   * key on it).
   */
  static void sesAction(URI endpoint, String region, Map<String, String> parameters) {
    String form =
        parameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential="
                    + SesEmulator.ACCESS_KEY
                    + "/20260101/"
                    + region
                    + "/ses/aws4_request, SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    check(endpoint, send(request));
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(node -> values.add(node.asText()));
    }
    return values;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("HTTP call failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void check(URI uri, HttpResponse<String> response) {
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          uri + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
