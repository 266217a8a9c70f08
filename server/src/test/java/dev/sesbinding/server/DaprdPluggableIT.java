package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sesbinding.testing.ClosedPort;
import dev.sesbinding.testing.Daprd;
import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.SesReply;
import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.config.Properties;
import io.dapr.exceptions.DaprException;
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
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built jar as a pluggable component inside the real daprd, as the README and {@code
 * examples/pluggable} start them, with moto as SES: discovery, Init with secrets daprd resolves,
 * two components of our type, sends over daprd's HTTP API (as curl) and gRPC API (Dapr's Java SDK),
 * and every error kind as the app sees it through daprd, prefixed once.
 */
class DaprdPluggableIT {
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String TYPE = "bindings.ses-binding";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  @TempDir static Path folder;
  private static PluggableDeployment deployment;
  private static FaultySes throttling;
  private static ClosedPort closed;
  private static DaprClient sdk;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> binary = Daprd.binary();
    Assumptions.assumeTrue(binary.isPresent(), Daprd.missing());
    MOTO.verifySender("orders@example.com");
    MOTO.verifySender("alerts@example.com");
    throttling = FaultySes.start();
    throttling.always(SesReply.error(400, "Throttling", "Maximum sending rate exceeded."));
    closed = ClosedPort.reserve();
    deployment = PluggableDeployment.prepare(binary.get(), folder, MOTO.endpoint(), List.of());
    Files.writeString(
        deployment.resources().resolve("more.yaml"),
        String.join(
            "---\n",
            ours("alerts", MOTO.endpoint(), "alerts@example.com"),
            ours("unverified", MOTO.endpoint(), "nobody@example.com"),
            ours("throttled", throttling.endpoint(), "orders@example.com"),
            ours("unreachable", closed.endpoint(), "orders@example.com")));
    deployment.exampleSecrets(SECRET);
    deployment.startComponent();
    deployment.startDaprd();
    sdk =
        new DaprClientBuilder()
            .withPropertyOverride(Properties.SIDECAR_IP, "127.0.0.1")
            .withPropertyOverride(Properties.HTTP_PORT, Integer.toString(daprd().httpPort()))
            .withPropertyOverride(Properties.GRPC_PORT, Integer.toString(daprd().grpcPort()))
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sdk != null) {
      sdk.close();
    }
    if (deployment != null) {
      deployment.stop();
    }
    if (throttling != null) {
      throttling.close();
    }
    if (closed != null) {
      closed.close();
    }
  }

  private static Daprd daprd() {
    return deployment.daprd();
  }

  private static String ours(String name, URI endpoint, String from) {
    return TestServer.componentOfType(
        name,
        TYPE,
        "region",
        "eu-west-1",
        "endpoint",
        endpoint.toString(),
        "accessKey",
        "AKIAIOSFODNN7EXAMPLE",
        "secretKey",
        "plain-test-value",
        "emailFrom",
        from);
  }

  /** {@code POST /v1.0/bindings/{name}} on daprd, as the example's curl sends it. */
  static HttpResponse<String> post(URI daprd, String binding, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(daprd.resolve("/v1.0/bindings/" + binding))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String messageId(String answer) throws Exception {
    return JSON.readTree(answer).path("messageId").asText();
  }

  @Test
  void daprdDiscoversTheComponentAndInitialisesEveryComponentOfItsType() throws Exception {
    JsonNode metadata =
        JSON.readTree(
            HTTP.send(
                    HttpRequest.newBuilder(daprd().http().resolve("/v1.0/metadata")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());

    assertThat(metadata.path("components").findValuesAsText("name"))
        .contains("ses-email", "alerts", "unverified", "throttled", "unreachable");
    for (JsonNode component : metadata.path("components")) {
      if (!component.path("name").asText().equals("env-secrets")) {
        assertThat(component.path("type").asText()).isEqualTo(TYPE);
        assertThat(component.path("capabilities").toString()).contains("OUTPUT_BINDING");
      }
    }
    assertThat(deployment.component().output())
        .anyMatch(line -> line.contains("component instance ses-email initialised"))
        .anyMatch(line -> line.contains("component instance alerts initialised"));
  }

  @Test
  void theSecretDaprdResolvedNeverAppearsInEitherLog() throws Exception {
    post(daprd().http(), "ses-email", "{\"operation\":\"create\",\"data\":\"x\"}");

    assertThat(deployment.component().output()).noneMatch(line -> line.contains(SECRET));
    assertThat(daprd().output()).noneMatch(line -> line.contains(SECRET));
  }

  @Test
  void theExamplesCurlThroughDaprdDeliversWithTheSenderFromTheSecretStore() throws Exception {
    HttpResponse<String> answer =
        post(
            daprd().http(),
            "ses-email",
            "{\"operation\":\"create\",\"data\":\"<p>Your order has shipped</p>\",\"metadata\":"
                + "{\"emailTo\":\"ana@example.com\",\"emailCc\":\"cy@example.com\","
                + "\"emailBcc\":\"bo@example.com\",\"subject\":\"Shipped\"}}");

    assertThat(answer.statusCode()).isEqualTo(200);
    EmulatedMessage sent = MOTO.message(messageId(answer.body()));
    assertThat(answer.headers().firstValue("Metadata.messageid")).contains(sent.id());
    assertThat(sent.source()).isEqualTo("orders@example.com");
    assertThat(sent.to()).containsExactly("ana@example.com");
    assertThat(sent.cc()).containsExactly("cy@example.com");
    assertThat(sent.bcc()).containsExactly("bo@example.com");
    assertThat(sent.subject()).isEqualTo("Shipped");
    assertThat(sent.body()).isEqualTo("<p>Your order has shipped</p>");
  }

  @Test
  void daprsJavaSdkOverDaprdsGrpcApiDelivers() throws Exception {
    byte[] answer =
        sdk.invokeBinding(
                "ses-email",
                "create",
                "<h1>From Java through daprd</h1>",
                Map.of("emailTo", "ana@example.com", "subject", "SDK"),
                byte[].class)
            .block(Duration.ofSeconds(60));

    EmulatedMessage sent = MOTO.message(messageId(new String(answer, StandardCharsets.UTF_8)));
    assertThat(sent.body()).isEqualTo("<h1>From Java through daprd</h1>");
    assertThat(sent.to()).containsExactly("ana@example.com");
    assertThat(sent.source()).isEqualTo("orders@example.com");
  }

  @Test
  void twoComponentsOfOurTypeEachSendWithTheirOwnSender() throws Exception {
    String request =
        "{\"operation\":\"create\",\"data\":\"<p>Disk full</p>\","
            + "\"metadata\":{\"emailTo\":\"ben@example.com\",\"subject\":\"Alert\"}}";

    HttpResponse<String> alert = post(daprd().http(), "alerts", request);
    HttpResponse<String> order = post(daprd().http(), "ses-email", request);

    assertThat(MOTO.message(messageId(alert.body())).source()).isEqualTo("alerts@example.com");
    assertThat(MOTO.message(messageId(order.body())).source()).isEqualTo("orders@example.com");
  }

  /** A failure an app provokes through daprd, and what daprd puts around the component's words. */
  record Failure(String name, String binding, String operation, String data, String inside) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> failures() {
    return Stream.of(
            new Failure(
                "missing emailTo",
                "ses-email",
                "create",
                "x",
                "rpc error: code = InvalidArgument desc = SES binding error: emailTo property not"
                    + " supplied in configuration- or request-metadata"),
            new Failure(
                "header injection in the subject",
                "ses-email",
                "create",
                "x",
                "rpc error: code = InvalidArgument desc = SES binding error: subject"),
            new Failure(
                "sender not verified (SES rejects)",
                "unverified",
                "create",
                "x",
                "rpc error: code = FailedPrecondition desc = SES binding error."),
            new Failure(
                "SES throttling after retries",
                "throttled",
                "create",
                "x",
                "rpc error: code = ResourceExhausted desc = SES binding error."),
            new Failure(
                "SES unreachable",
                "unreachable",
                "create",
                "x",
                "rpc error: code = Unavailable desc = SES binding error."),
            new Failure(
                "operation not supported (daprd refuses)",
                "ses-email",
                "delete",
                "x",
                "binding ses-email does not support operation delete. supported"
                    + " operations:create"),
            new Failure(
                "no such binding (daprd refuses)",
                "nope",
                "create",
                "x",
                "couldn't find output binding nope"))
        .map(Arguments::of);
  }

  private static Map<String, String> metadataFor(Failure failure) {
    return switch (failure.name()) {
      case "missing emailTo" -> Map.of("subject", "Hi");
      case "header injection in the subject" ->
          Map.of("emailTo", "ana@example.com", "subject", "Hi\r\nBcc: evil@example.com");
      default -> Map.of("emailTo", "ana@example.com", "subject", "Hi");
    };
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("failures")
  void overDaprdsHttpApiEachFailureIs500WithDaprdsPrefixOnce(Failure failure) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "operation",
                failure.operation(),
                "data",
                failure.data(),
                "metadata",
                metadataFor(failure)));

    HttpResponse<String> answer = post(daprd().http(), failure.binding(), body);

    assertThat(answer.statusCode()).isEqualTo(500);
    JsonNode error = JSON.readTree(answer.body());
    assertThat(error.path("errorCode").asText()).isEqualTo("ERR_INVOKE_OUTPUT_BINDING");
    assertThat(error.path("message").asText())
        .startsWith("error invoking output binding " + failure.binding() + ": " + failure.inside());
    assertPrefixedOnce(error.path("message").asText());
    assertThat(documentedRow(failure))
        .as("examples/pluggable/README.md shows what the app sees")
        .contains(failure.inside().replaceFirst("(desc = ).*", "$1"));
  }

  private static String documentedRow(Failure failure) throws Exception {
    return Files.readAllLines(Readme.ROOT.resolve(PluggableDeployment.EXAMPLE)).stream()
        .filter(line -> line.startsWith("| " + failure.name() + " |"))
        .findFirst()
        .orElse("no row for " + failure.name());
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("failures")
  void overDaprdsGrpcApiEachFailureIsInternalWithDaprdsPrefixOnce(Failure failure) {
    DaprException error =
        catchThrowableOfType(
            DaprException.class,
            () ->
                sdk.invokeBinding(
                        failure.binding(),
                        failure.operation(),
                        failure.data(),
                        metadataFor(failure),
                        byte[].class)
                    .block(Duration.ofSeconds(60)));

    assertThat(error.getErrorCode()).isEqualTo("INTERNAL");
    assertThat(error.getMessage())
        .contains("error invoking output binding " + failure.binding() + ": " + failure.inside());
    assertPrefixedOnce(error.getMessage());
  }

  @Test
  void dataThatIsNotUtf8IsInvalidArgumentNamingTheRuleThroughDaprd() {
    DaprException error =
        catchThrowableOfType(
            DaprException.class,
            () ->
                sdk.invokeBinding(
                        "ses-email",
                        "create",
                        new byte[] {(byte) 0xff, 'x'},
                        Map.of("emailTo", "ana@example.com", "subject", "Hi"),
                        byte[].class)
                    .block(Duration.ofSeconds(60)));

    assertThat(error.getErrorCode()).isEqualTo("INTERNAL");
    assertThat(error.getMessage())
        .contains(
            "error invoking output binding ses-email: rpc error: code = InvalidArgument desc ="
                + " data is not valid UTF-8");
    assertPrefixedOnce(error.getMessage());
  }

  static void assertPrefixedOnce(String message) {
    assertThat(message.split("error invoking output binding", -1))
        .as("daprd's prefix, once: %s", message)
        .hasSize(2);
  }
}
