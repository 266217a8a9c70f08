package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token and the in-flight limit, against a server with both set. */
class LimitsIT {
  private static final String TOKEN = "TopSecretApiToken";

  @TempDir static Path folder;
  static FaultySes ses;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    ses = FaultySes.start();
    server =
        TestServer.start(
            folder,
            Map.of("DAPR_API_TOKEN", TOKEN),
            List.of(
                TestServer.outboxComponent("ses"),
                TestServer.sesComponent("slow", ses.endpoint().toString())),
            "--max-in-flight",
            "1");
  }

  @AfterAll
  static void stop() {
    server.close();
    ses.close();
  }

  @Test
  void missingTokenIs401PlainText() {
    HttpResponse<Buffer> response = server.post("ses", VALID_REQUEST);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
    assertThat(response.bodyAsString()).isEqualTo("invalid api token\n");
  }

  @Test
  void wrongTokenIs401() {
    assertThat(server.post("ses", VALID_REQUEST, "dapr-api-token", TOKEN + "x").statusCode())
        .isEqualTo(401);
    assertThat(server.post("ses", VALID_REQUEST, "dapr-api-token", "").statusCode()).isEqualTo(401);
  }

  @Test
  void rightTokenIsServed() {
    assertThat(server.post("ses", VALID_REQUEST, "dapr-api-token", TOKEN).statusCode())
        .isEqualTo(200);
  }

  @Test
  void healthzNeedsNoToken() {
    assertThat(server.get("/v1.0/healthz").statusCode()).isEqualTo(204);
    assertThat(server.get("/v1.0/healthz/outbound").statusCode()).isEqualTo(204);
  }

  @Test
  void metadataAndOutboxNeedTheToken() {
    assertThat(server.get("/v1.0/metadata").statusCode()).isEqualTo(401);
    assertThat(server.get("/v1.0/outbox/ses").statusCode()).isEqualTo(401);
    assertThat(server.get("/v1.0/metadata", "dapr-api-token", TOKEN).bodyAsString())
        .doesNotContain(TOKEN);
  }

  @Test
  void requestOverTheInFlightLimitIs429WithRetryAfter() throws Exception {
    ses.delay(Duration.ofMillis(800));
    try {
      Future<HttpResponse<Buffer>> first =
          server.sendAsync(
              HttpMethod.POST, "/v1.0/bindings/slow", VALID_REQUEST, "dapr-api-token", TOKEN);
      Await.until(() -> server.server.inFlight() == 1, "the first request is in flight");

      HttpResponse<Buffer> second = server.post("ses", VALID_REQUEST, "dapr-api-token", TOKEN);

      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.getHeader("Retry-After")).isEqualTo("1");
      assertThat(second.bodyAsJsonObject().getString("errorCode"))
          .isEqualTo("ERR_INVOKE_OUTPUT_BINDING");
      assertThat(second.bodyAsJsonObject().getString("message"))
          .isEqualTo(
              "error invoking output binding ses: too many requests in flight (limit 1,"
                  + " --max-in-flight); retry later");
      assertThat(first.await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      Await.until(() -> server.server.inFlight() == 0, "the in-flight count is back to zero");
    } finally {
      ses.delay(Duration.ZERO);
    }
  }
}
