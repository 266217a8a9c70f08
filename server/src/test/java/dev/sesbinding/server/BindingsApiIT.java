package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.FaultySes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of the contract's status table, through a real HTTP client against the running server;
 * the rows for SES faults (422, 429 from SES, 502, 504) are in {@link FaultsIT}.
 */
class BindingsApiIT {

  @TempDir static Path folder;
  static FaultySes ses;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    ses = FaultySes.start();
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(
                TestServer.outboxComponent("ses"),
                TestServer.sesComponent("stubbed", ses.endpoint().toString())),
            "--request-timeout",
            "8s",
            "--max-body-size",
            "64Ki");
  }

  @AfterAll
  static void stop() {
    server.close();
    ses.close();
  }

  @BeforeEach
  void resetStub() {
    ses.succeed();
    ses.delay(Duration.ZERO);
  }

  private static void assertDaprError(
      HttpResponse<Buffer> response, int status, String errorCode, String message) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("errorCode", "message");
    assertThat(body.getString("errorCode")).isEqualTo(errorCode);
    assertThat(body.getString("message")).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"POST", "PUT"})
  void sendAnswers200WithMessageIdAsBodyAndHeader(String method) {
    HttpResponse<Buffer> response =
        server.send(HttpMethod.valueOf(method), "/v1.0/bindings/ses", VALID_REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    String messageId = response.getHeader("metadata.messageId");
    assertThat(messageId).startsWith("outbox-");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("messageId", messageId));
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void bodyFieldNamesMatchCaseInsensitivelyAndUnknownFieldsAreIgnored() {
    HttpResponse<Buffer> response =
        server.post(
            "ses",
            "{\"OPERATION\":\"create\",\"Data\":\"x\",\"extra\":[1],"
                + "\"MetaData\":{\"emailTo\":\"to@example.com\",\"subject\":\"case\"}}");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  @Test
  void htmlInDataArrivesUnchangedInTheBody() {
    String messageId = server.post("ses", VALID_REQUEST).getHeader("metadata.messageId");

    JsonObject sent =
        server.get("/v1.0/outbox/ses").bodyAsJsonObject().getJsonArray("emails").stream()
            .map(JsonObject.class::cast)
            .filter(email -> email.getString("messageId").equals(messageId))
            .findFirst()
            .orElseThrow();
    assertThat(sent.getString("body")).isEqualTo("<b>Hi</b>");
    assertThat(sent.getJsonArray("to").stream().toList()).containsExactly("to@example.com");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|failed deserializing HTTP body: EOF",
        "[1]|failed deserializing HTTP body: json: cannot unmarshal array into Go value of type http.OutputBindingRequest",
        "\"text\"|failed deserializing HTTP body: json: cannot unmarshal string into Go value of type http.OutputBindingRequest",
        "{\"operation\":\"create\",\"metadata\":{\"subject\":5}}|failed deserializing HTTP body: json: cannot unmarshal number into Go struct field OutputBindingRequest.metadata.subject of type string (metadata values must be strings)",
        "{\"operation\":\"create\",\"metadata\":{\"subject\":true}}|failed deserializing HTTP body: json: cannot unmarshal bool into Go struct field OutputBindingRequest.metadata.subject of type string (metadata values must be strings)",
        "{\"operation\":\"create\",\"metadata\":[\"a\"]}|failed deserializing HTTP body: json: cannot unmarshal array into Go struct field OutputBindingRequest.metadata of type map[string]string",
        "{\"operation\":7}|failed deserializing HTTP body: json: cannot unmarshal number into Go struct field OutputBindingRequest.operation of type string"
      })
  void bodyThatIsNotDaprsRequestIs400Malformed(String body, String message) {
    assertDaprError(server.post("ses", body), 400, "ERR_MALFORMED_REQUEST", message);
  }

  @Test
  void brokenJsonIs400Malformed() {
    HttpResponse<Buffer> response = server.post("ses", "{\"operation\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("errorCode"))
        .isEqualTo("ERR_MALFORMED_REQUEST");
    assertThat(response.bodyAsJsonObject().getString("message"))
        .startsWith("failed deserializing HTTP body: ");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"data\":\"x\"}|operation field is missing from request",
        "{\"operation\":\"delete\",\"data\":\"x\"}|binding ses does not support operation delete. supported operations:create",
        "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"subject\":\"s\"}}|SES binding error: emailTo property not supplied in configuration- or request-metadata",
        "{\"operation\":\"create\",\"data\":{\"a\":1},\"metadata\":{\"emailTo\":\"t@example.com\",\"subject\":\"s\"}}|SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)",
        "{\"operation\":\"create\",\"metadata\":{\"emailTo\":\"t@example.com\",\"subject\":\"s\"}}|SES binding error. Can't unquote data field: invalid syntax (data must be a JSON string)",
        "{\"operation\":\"create\",\"data\":\"x\",\"metadata\":{\"emailTo\":\"not-an-address\",\"subject\":\"s\"}}|SES binding error: emailTo \"not-an-address\" is not a valid email address (expected a@b.c or Name <a@b.c>)"
      })
  void invalidFieldIs400WithDaprsMessage(String body, String error) {
    assertDaprError(
        server.post("ses", body),
        400,
        "ERR_INVOKE_OUTPUT_BINDING",
        "error invoking output binding ses: " + error);
  }

  @Test
  void unknownBindingIs404() {
    assertDaprError(
        server.post("nope", VALID_REQUEST),
        404,
        "ERR_INVOKE_OUTPUT_BINDING",
        "error invoking output binding nope: couldn't find output binding nope");
  }

  @Test
  void bodyOverMaxBodySizeIs413() {
    String huge = "{\"operation\":\"create\",\"data\":\"" + "a".repeat(70_000) + "\"}";

    assertDaprError(
        server.post("ses", huge),
        413,
        "ERR_MALFORMED_REQUEST",
        "failed deserializing HTTP body: the body is larger than 65536 bytes (--max-body-size)");
  }

  @Test
  void stubbedSesSuccessIs200WithItsMessageId() {
    HttpResponse<Buffer> response = server.post("stubbed", VALID_REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("metadata.messageId")).isEqualTo("stub-message-id");
  }

  @Test
  void healthzIs204() {
    assertThat(server.get("/v1.0/healthz").statusCode()).isEqualTo(204);
  }

  @Test
  void metadataListsComponentsButNoMetadataValue() {
    HttpResponse<Buffer> response = server.get("/v1.0/metadata");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("id")).isEqualTo("ses-binding");
    assertThat(body.getJsonArray("components").size()).isEqualTo(2);
    assertThat(body.getJsonArray("components").getJsonObject(0).fieldNames())
        .containsExactlyInAnyOrder("name", "type", "version", "capabilities");
    assertThat(response.bodyAsString())
        .doesNotContain("StubSecretValue")
        .doesNotContain("AKIASTUB")
        .doesNotContain("from@example.com");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/v1.0/nothing", "/v1.0/bindings"})
  void unknownPathIs404WithErrorJson(String path) {
    HttpResponse<Buffer> response = server.get(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.bodyAsJsonObject().getString("errorCode")).isEqualTo("ERR_NOT_FOUND");
  }

  @Test
  void outboxOfABindingWithoutOutboxIs404() {
    assertThat(server.get("/v1.0/outbox/stubbed").statusCode()).isEqualTo(404);
    assertThat(server.get("/v1.0/outbox/none").statusCode()).isEqualTo(404);
    assertThat(server.get("/v1.0/outbox/stubbed").bodyAsJsonObject().getString("message"))
        .isEqualTo("binding stubbed has no outbox: its transport is not outbox");
    assertThat(server.get("/v1.0/outbox/none").bodyAsJsonObject().getString("message"))
        .isEqualTo("couldn't find output binding none");
  }

  @Test
  void methodNotServedOnAPathIs405WithErrorJson() {
    assertDaprError(
        server.send(HttpMethod.DELETE, "/v1.0/bindings/ses", null),
        405,
        "ERR_NOT_FOUND",
        "method DELETE is not allowed on /v1.0/bindings/ses");
  }
}
