package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server says and returns when it cannot start; no port is opened in these cases. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsTheFlagsAndExitsZero() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--dapr-http-port")
        .contains("--resources-path")
        .contains("DAPR_API_TOKEN");
  }

  @Test
  void helpNamesTheLogLevelAndVersionPrintsOneLine() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--log-level <value>")
        .contains("SES_BINDING_LOG_LEVEL")
        .contains("--version");
    out.reset();

    assertThat(run(Map.of(), "--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).matches("ses-binding \\S+\n");
  }

  @Test
  void theLogLevelSetsWhatSesBindingLogs(@TempDir Path empty) {
    org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger("dev.sesbinding.server.Main");
    try {
      assertThat(
              run(
                  Map.of(),
                  "--log-level",
                  "warn",
                  "--resources-path",
                  empty.resolve("missing").toString()))
          .as("a start that fails after the flags were read")
          .isEqualTo(1);
      assertThat(logger.isInfoEnabled()).isFalse();
      assertThat(logger.isWarnEnabled()).isTrue();

      run(
          Map.of(),
          "--log-level",
          "debug",
          "--resources-path",
          empty.resolve("missing").toString());
      assertThat(logger.isDebugEnabled()).isTrue();
    } finally {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.sesbinding"))
          .setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }

  @Test
  void aLogLevelDaprdDoesNotNameExitsTwoNamingIt() {
    assertThat(run(Map.of(), "--log-level", "verbose")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("ses-binding: --log-level (SES_BINDING_LOG_LEVEL)")
        .contains("is not debug, info, warn or error");
  }

  @Test
  void badFlagExitsTwoNamingIt() {
    assertThat(run(Map.of(), "--dapr-http-port", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("ses-binding: --dapr-http-port (DAPR_HTTP_PORT)");
  }

  @Test
  void componentThatCannotInitialiseExitsOneNamingComponentAndKey(@TempDir Path folder)
      throws Exception {
    Files.writeString(
        folder.resolve("ses.yaml"),
        TestServer.component("mail", "region", "eu-west-1", "secretKey", "TopSecretValue"));

    int code =
        run(
            Map.of(),
            "--resources-path",
            folder.toString(),
            "--dapr-http-port",
            "0",
            "--dapr-grpc-port",
            "0");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "ses-binding: cannot start: init component mail"
                + " (bindings.aws.ses/v1): metadata key \"accessKey\" is missing: \"secretKey\" is set, and static credentials"
                + " need both"
                + System.lineSeparator());
  }

  @Test
  void componentWithAnInvalidSenderExitsOneNamingComponentAndKey(@TempDir Path folder)
      throws Exception {
    Files.writeString(
        folder.resolve("ses.yaml"),
        TestServer.component("mail", "transport", "outbox", "emailFrom", "noreply-at-example.com"));

    int code =
        run(
            Map.of(),
            "--resources-path",
            folder.toString(),
            "--dapr-http-port",
            "0",
            "--dapr-grpc-port",
            "0");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith(
            "ses-binding: cannot start: init component mail (bindings.aws.ses/v1): SES binding"
                + " error: emailFrom \"noreply-at-example.com\" is not a valid email address");
  }

  @Test
  void typoThatBreaksStartUpKeepsItsHint(@TempDir Path folder) throws Exception {
    Files.writeString(
        folder.resolve("ses.yaml"),
        TestServer.component(
            "mail", "region", "eu-west-1", "acessKey", "AKIA1", "secretKey", "S3cr3t"));

    int code =
        run(
            Map.of(),
            "--resources-path",
            folder.toString(),
            "--dapr-http-port",
            "0",
            "--dapr-grpc-port",
            "0");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("did you mean \"accessKey\"?")
        .doesNotContain("S3cr3t");
  }

  @Test
  void missingResourcesPathExitsOne(@TempDir Path folder) {
    assertThat(run(Map.of(), "--resources-path", folder.resolve("none").toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist");
  }
}
