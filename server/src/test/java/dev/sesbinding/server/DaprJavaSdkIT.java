package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sesbinding.testing.EmulatedMessage;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.ServerProcess;
import io.dapr.client.DaprClient;
import io.dapr.client.DaprClientBuilder;
import io.dapr.client.domain.DaprMetadata;
import io.dapr.config.Properties;
import io.dapr.exceptions.DaprException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dapr's own Java SDK ({@code io.dapr:dapr-sdk}), as an app uses it, against the built server jar
 * sending to moto: {@code waitForSidecar} over HTTP, then {@code invokeBinding} and {@code
 * getMetadata} over gRPC, with the emails read back from moto.
 */
class DaprJavaSdkIT {
  private static final Path JAR = Readme.ROOT.resolve("server/target/ses-binding-server.jar");
  private static final Pattern GRPC_PORT = Pattern.compile("grpc://127\\.0\\.0\\.1:(\\d+)");
  private static final String SENDER = "sender@example.com";
  private static final String TOKEN = "sdk-t0ken";

  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  @TempDir static Path folder;
  private static final List<ServerProcess> SERVERS = new ArrayList<>();
  private static DaprClient open;
  private static DaprClient guarded;
  private static DaprClient guardedWithoutToken;

  /** The built jar on free ports, with {@code env}; its HTTP and gRPC ports. */
  private static int[] startServer(Map<String, String> env) throws Exception {
    ProcessBuilder command = ServerProcess.jarCommand(JAR, folder, List.of());
    command.environment().putAll(env);
    ServerProcess server = ServerProcess.start(command, ServerProcess.SES_BINDING_READY);
    SERVERS.add(server);
    Matcher grpc =
        server.output().stream()
            .map(GRPC_PORT::matcher)
            .filter(Matcher::find)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no gRPC port in " + server.output()));
    return new int[] {server.port(), Integer.parseInt(grpc.group(1))};
  }

  private static DaprClient client(int[] ports, String token) {
    DaprClientBuilder builder =
        new DaprClientBuilder()
            .withPropertyOverride(Properties.SIDECAR_IP, "127.0.0.1")
            .withPropertyOverride(Properties.HTTP_PORT, Integer.toString(ports[0]))
            .withPropertyOverride(Properties.GRPC_PORT, Integer.toString(ports[1]));
    if (token != null) {
      builder.withPropertyOverride(Properties.API_TOKEN, token);
    }
    return builder.build();
  }

  @BeforeAll
  static void start() throws Exception {
    MOTO.verifySender(SENDER);
    Files.writeString(
        folder.resolve("ses.yaml"),
        TestServer.component(
            "ses",
            "region",
            "eu-west-1",
            "endpoint",
            MOTO.endpoint().toString(),
            "accessKey",
            "AKIAIOSFODNN7EXAMPLE",
            "secretKey",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "emailFrom",
            SENDER));
    open = client(startServer(Map.of()), null);
    int[] guardedPorts = startServer(Map.of("DAPR_API_TOKEN", TOKEN));
    guarded = client(guardedPorts, TOKEN);
    guardedWithoutToken = client(guardedPorts, null);
  }

  @AfterAll
  static void stop() throws Exception {
    for (DaprClient client : new DaprClient[] {open, guarded, guardedWithoutToken}) {
      if (client != null) {
        client.close();
      }
    }
    for (ServerProcess server : SERVERS) {
      server.terminate(Duration.ofSeconds(30));
      server.close();
    }
  }

  private static String messageId(byte[] answer) {
    Matcher id =
        Pattern.compile("\\{\"messageId\":\"([^\"]+)\"}")
            .matcher(new String(answer, StandardCharsets.UTF_8));
    assertThat(id.matches()).as("answer %s", new String(answer, StandardCharsets.UTF_8)).isTrue();
    return id.group(1);
  }

  @Test
  void waitForSidecarThenAStringPayloadIsDeliveredWithItsBody() {
    open.waitForSidecar(30_000).block(Duration.ofSeconds(40));

    byte[] answer =
        open.invokeBinding(
                "ses",
                "create",
                "<h1>Hello from Java</h1>",
                Map.of("emailTo", "ana@example.com", "subject", "String payload"),
                byte[].class)
            .block(Duration.ofSeconds(30));

    EmulatedMessage sent = MOTO.message(messageId(answer));
    assertThat(sent.body()).isEqualTo("<h1>Hello from Java</h1>");
    assertThat(sent.subject()).isEqualTo("String payload");
    assertThat(sent.to()).containsExactly("ana@example.com");
  }

  @Test
  void aByteArrayPayloadIsDeliveredAsItIs() {
    byte[] answer =
        open.invokeBinding(
                "ses",
                "create",
                "<p>raw bytes</p>".getBytes(StandardCharsets.UTF_8),
                Map.of("emailTo", "ben@example.com", "subject", "Bytes payload"))
            .block(Duration.ofSeconds(30));

    assertThat(MOTO.message(messageId(answer)).body()).isEqualTo("<p>raw bytes</p>");
  }

  @Test
  void metadataListsTheComponent() {
    DaprMetadata metadata = open.getMetadata().block(Duration.ofSeconds(30));

    assertThat(metadata.getId()).isEqualTo("ses-binding");
    assertThat(metadata.getComponents())
        .extracting(c -> c.getName() + " " + c.getType() + " " + c.getVersion())
        .containsExactly("ses bindings.aws.ses v1");
  }

  @Test
  void missingEmailToIsInvalidArgumentWithDaprsText() {
    DaprException error =
        catchThrowableOfType(
            DaprException.class,
            () ->
                open.invokeBinding(
                        "ses",
                        "create",
                        "<p>x</p>",
                        Map.of("subject", "No recipient"),
                        byte[].class)
                    .block(Duration.ofSeconds(30)));

    assertThat(error.getErrorCode()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.getMessage())
        .contains(
            "error invoking output binding ses: SES binding error: emailTo property not supplied"
                + " in configuration- or request-metadata");
  }

  @Test
  void unknownBindingIsNotFound() {
    DaprException error =
        catchThrowableOfType(
            DaprException.class,
            () ->
                open.invokeBinding("nope", "create", "<p>x</p>", Map.of(), byte[].class)
                    .block(Duration.ofSeconds(30)));

    assertThat(error.getErrorCode()).isEqualTo("NOT_FOUND");
    assertThat(error.getMessage()).contains("couldn't find output binding nope");
  }

  @Test
  void withDaprApiTokenSetTheSdkSendsItAndWithoutItIsRefused() {
    byte[] answer =
        guarded
            .invokeBinding(
                "ses",
                "create",
                "<p>with token</p>",
                Map.of("emailTo", "cleo@example.com", "subject", "Token"),
                byte[].class)
            .block(Duration.ofSeconds(30));
    DaprException refused =
        catchThrowableOfType(
            DaprException.class,
            () -> guardedWithoutToken.getMetadata().block(Duration.ofSeconds(30)));

    assertThat(MOTO.message(messageId(answer)).body()).isEqualTo("<p>with token</p>");
    assertThat(refused.getErrorCode()).isEqualTo("UNAUTHENTICATED");
  }
}
