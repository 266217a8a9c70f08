package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.ServerProcess;
import dev.sesbinding.testing.SesReply;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar with {@code --log-as-json}: every line it writes, from its start through a failed send to
 * its stop, is one JSON object with daprd's keys in daprd's order and daprd's level names; the
 * failed send's line names SES's code and request id; no secret, address or subject appears.
 */
class LogAsJsonIT {
  private static final Path JAR = Readme.ROOT.resolve("server/target/ses-binding-server.jar");
  private static final List<String> DAPRDS_KEYS =
      List.of("app_id", "instance", "level", "msg", "scope", "time", "type", "ver");

  @TempDir Path folder;
  private FaultySes ses;
  private ServerProcess server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (ses != null) {
      ses.close();
    }
  }

  @Test
  void everyLineIsOneJsonObjectWithDaprdsKeysAndNoSecret() throws Exception {
    ses = FaultySes.start();
    ses.always(SesReply.error(400, "MessageRejected", "Email address is not verified."));
    Files.writeString(
        folder.resolve("ses.yaml"), TestServer.sesComponent("ses", ses.endpoint().toString()));
    server =
        ServerProcess.start(
            ServerProcess.javaJar(
                JAR,
                List.of(),
                List.of(
                    "--resources-path",
                    folder.toString(),
                    "--dapr-http-port",
                    "0",
                    "--dapr-grpc-port",
                    "0",
                    "--app-id",
                    "orders",
                    "--log-as-json")),
            ServerProcess.SES_BINDING_READY);
    HttpResponse<String> refused =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1.0/bindings/ses"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(VALID_REQUEST))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(server.terminate(Duration.ofSeconds(30))).isEqualTo(143);

    List<String> lines = server.output();
    assertThat(lines).hasSizeGreaterThan(3);
    for (String line : lines) {
      JsonObject json = new JsonObject(line);
      List<String> keys = json.fieldNames().stream().toList();
      assertThat(keys).as(line).containsAll(DAPRDS_KEYS);
      assertThat(line)
          .as("keys in daprd's order")
          .startsWith("{\"app_id\":\"orders\",\"instance\":")
          .endsWith("\"type\":\"log\",\"ver\":\"" + System.getProperty("project.version") + "\"}");
      assertThat(Set.of("debug", "info", "warning", "error")).contains(json.getString("level"));
      assertThat(line)
          .doesNotContain("StubSecretValue")
          .doesNotContain("to@example.com")
          .doesNotContain("from@example.com");
    }
    List<JsonObject> failedSends =
        lines.stream()
            .map(JsonObject::new)
            .filter(json -> "dev.sesbinding.calls".equals(json.getString("scope")))
            .toList();
    assertThat(failedSends).hasSize(1);
    assertThat(failedSends.get(0).getString("level")).isEqualTo("warning");
    assertThat(failedSends.get(0).getString("msg"))
        .startsWith("call failed: component=ses way_in=http")
        .endsWith("ses_code=MessageRejected request_id=stub-request");
  }
}
