package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import dev.sesbinding.auth.AwsAuthSettings;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.Metadata;
import dev.sesbinding.server.logging.ServerLogging;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.MotoIam;
import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.SesEmulator;
import dev.sesbinding.testing.SesReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Every path of the server, with the server's own logging ({@link ServerLogging}) set to DEBUG
 * (ours, and the AWS SDK's, Netty's and Vert.x's loggers): the captured log, every answer and every
 * {@code toString()} hold no secret key, session token or API token. Real signing against moto with
 * IAM on, and a fault stub for SES's failures.
 */
class SecretsIT {
  @RegisterExtension static final MotoServer MOTO = MotoServer.create();

  private static final String API_TOKEN = "ApiTokenValue-3c9d41";
  private static final String WRONG_TOKEN = "WrongApiTokenValue-77ab";
  private static final String STUB_SECRET = "StubSecretKeyValue-51e0";
  private static final String STUB_SESSION_TOKEN = "StubSessionTokenValue-a1f8";
  private static final String LONE_SECRET = "LoneSecretKeyValue-0b2e";
  private static final String REQUEST_SECRET = "RequestSecretKeyValue-d4c3";
  private static final String SENDER = "sender@example.com";
  private static final String SEND =
      "{\"operation\":\"create\",\"data\":\"<b>Hi</b>\",\"metadata\":{\"emailTo\":"
          + "\"to@example.com\",\"subject\":\"Hello\",\"secretKey\":\""
          + REQUEST_SECRET
          + "\"}}";

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @BeforeEach
  void logEverythingAtDebugThroughTheServersOwnConfiguration() throws Exception {
    System.setProperty("SES_BINDING_LOG_LEVEL", "DEBUG");
    System.setProperty("SES_BINDING_LIBRARY_LOG_LEVEL", "DEBUG");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    ServerLogging.apply(context);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %logger %msg %mdc%n%ex{full}");
    encoder.start();
    OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(captured);
    appender.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  @AfterEach
  void restoreTheTestLogging() throws Exception {
    System.clearProperty("SES_BINDING_LOG_LEVEL");
    System.clearProperty("SES_BINDING_LIBRARY_LOG_LEVEL");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
    if (MOTO.isRunning()) {
      new MotoIam(MOTO).relax();
    }
  }

  @Test
  void noPathPrintsOrAnswersASecret(@TempDir Path folder, @TempDir Path failing) throws Exception {
    MOTO.reset();
    MOTO.verifySender(SENDER);
    MotoIam iam = new MotoIam(MOTO);
    MotoIam.Keys user = iam.createUser("mailer", "ses:SendEmail", "sts:AssumeRole");
    String hop1 = iam.createRole("hop1", MotoIam.userArn("mailer"), "sts:AssumeRole");
    String hop2 =
        iam.createRole("hop2", MotoIam.assumedRoleArn("hop1", "mailer-session"), "ses:SendEmail");
    String denied = iam.createRole("denied", MotoIam.roleArn("nobody"), "ses:SendEmail");
    Credentials temporary =
        temporaryCredentials(
            user, iam.createRole("sender", MotoIam.userArn("mailer"), "ses:SendEmail"));
    iam.enforce();
    List<String> secrets =
        List.of(
            API_TOKEN,
            WRONG_TOKEN,
            STUB_SECRET,
            STUB_SESSION_TOKEN,
            LONE_SECRET,
            REQUEST_SECRET,
            user.secretKey(),
            temporary.secretAccessKey(),
            temporary.sessionToken());
    StringBuilder answers = new StringBuilder();

    try (FaultySes ses = FaultySes.start()) {
      String moto = MOTO.endpoint().toString();
      TestServer server =
          TestServer.start(
              folder,
              Map.of("DAPR_API_TOKEN", API_TOKEN, "MAILER_SECRET", user.secretKey()),
              List.of(
                  """
                  apiVersion: dapr.io/v1alpha1
                  kind: Component
                  metadata:
                    name: envstore
                  spec:
                    type: secretstores.local.env
                    version: v1
                  """,
                  sesYaml("static", moto, "accessKey", user.accessKey())
                      + "  - name: secretKey\n    secretKeyRef:\n      name: MAILER_SECRET\n      key: MAILER_SECRET\n"
                      + "auth:\n  secretStore: envstore\n",
                  sesYaml(
                      "session",
                      moto,
                      "accessKey",
                      temporary.accessKeyId(),
                      "secretKey",
                      temporary.secretAccessKey(),
                      "sessionToken",
                      temporary.sessionToken()),
                  sesYaml(
                      "chain",
                      moto,
                      "accessKey",
                      user.accessKey(),
                      "secretKey",
                      user.secretKey(),
                      "assumeRoleArn",
                      hop1 + "," + hop2,
                      "sessionName",
                      "mailer-session"),
                  sesYaml(
                      "faulty",
                      ses.endpoint().toString(),
                      "accessKey",
                      "AKIASTUB",
                      "secretKey",
                      STUB_SECRET,
                      "sessionToken",
                      STUB_SESSION_TOKEN)),
              "--request-timeout",
              "1500ms");
      try {
        for (String binding : List.of("static", "session", "chain", "faulty")) {
          HttpResponse<Buffer> sent = server.post(binding, SEND, "dapr-api-token", API_TOKEN);
          assertThat(sent.statusCode()).as(binding + ": " + sent.bodyAsString()).isEqualTo(200);
          answers.append(sent.bodyAsString());
        }
        for (SesReply fault :
            List.of(
                SesReply.error(400, "MessageRejected", "Email address is not verified."),
                SesReply.error(400, "Throttling", "Maximum sending rate exceeded."),
                SesReply.error(
                    403,
                    "InvalidClientTokenId",
                    "The security token included in the request is invalid."),
                SesReply.error(500, "InternalFailure", "Internal error."),
                SesReply.resetMidResponse(),
                SesReply.answer(200, "not xml"),
                SesReply.neverAnswer())) {
          ses.always(fault);
          answers.append(server.post("faulty", SEND, "dapr-api-token", API_TOKEN).bodyAsString());
        }
        answers.append(server.post("static", SEND, "dapr-api-token", WRONG_TOKEN).bodyAsString());
        answers.append(server.post("static", SEND).bodyAsString());
        answers.append(
            server.post("static", "{\"operation\":", "dapr-api-token", API_TOKEN).bodyAsString());
        answers.append(
            server
                .post(
                    "static",
                    "{\"operation\":\"create\",\"metadata\":{\"emailTo\":\"x\\r\\ny@z.co\","
                        + "\"subject\":\"s\"}}",
                    "dapr-api-token",
                    API_TOKEN)
                .bodyAsString());
        answers.append(server.get("/v1.0/metadata", "dapr-api-token", API_TOKEN).bodyAsString());
        answers.append(server.get("/v1.0/healthz").statusCode());
        answers.append(server.server);
      } finally {
        server.close();
      }
    }
    for (List<String> broken :
        List.of(
            List.of(sesYaml("lone", "http://127.0.0.1:9", "secretKey", LONE_SECRET)),
            List.of(
                sesYaml(
                    "denied",
                    MOTO.endpoint().toString(),
                    "accessKey",
                    user.accessKey(),
                    "secretKey",
                    user.secretKey(),
                    "assumeRoleArn",
                    denied)))) {
      Throwable failure = catchThrowable(() -> TestServer.start(failing, Map.of(), broken).close());
      assertThat(failure).as("init fails").isNotNull();
      answers.append(failure).append(failure.getCause());
    }
    answers.append(toStrings(user, temporary));

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .as("the log was captured at DEBUG from every layer")
        .contains("DEBUG dev.sesbinding.")
        .contains("DEBUG software.amazon.awssdk.");
    assertThat(answers)
        .as("every path ran")
        .contains("InvalidClientTokenId")
        .contains("AccessDenied")
        .contains("static credentials need both")
        .contains("invalid api token")
        .contains("no answer from SES in time")
        .contains("\"messageId\"");
    for (String secret : secrets) {
      assertThat(log).as("the log").doesNotContain(secret);
      assertThat(answers).as("answers, errors and toString()s").doesNotContain(secret);
    }
  }

  private static String toStrings(MotoIam.Keys user, Credentials temporary) {
    Map<String, String> metadata =
        new LinkedHashMap<>(
            Map.of(
                "region",
                "eu-west-1",
                "accessKey",
                temporary.accessKeyId(),
                "secretKey",
                temporary.secretAccessKey(),
                "sessionToken",
                temporary.sessionToken(),
                "emailFrom",
                SENDER));
    return String.join(
        "\n",
        user.toString(),
        Metadata.of(metadata).toString(),
        ComponentMetadata.of("ses", "bindings.aws.ses", "v1", metadata).toString(),
        AwsAuthSettings.fromMetadata(metadata).toString(),
        InvokeRequest.ofStringData("create", "x", Map.of("secretKey", REQUEST_SECRET)).toString());
  }

  private static Credentials temporaryCredentials(MotoIam.Keys user, String role) {
    try (StsClient sts =
        StsClient.builder()
            .region(Region.of(SesEmulator.REGION))
            .endpointOverride(MOTO.endpoint())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(user.accessKey(), user.secretKey())))
            .build()) {
      return sts.assumeRole(
              request -> request.roleArn(role).roleSessionName("temporary").durationSeconds(900))
          .credentials();
    }
  }

  private static String sesYaml(String name, String endpoint, String... pairs) {
    String[] all = new String[pairs.length + 6];
    System.arraycopy(
        new String[] {"region", SesEmulator.REGION, "endpoint", endpoint, "emailFrom", SENDER},
        0,
        all,
        0,
        6);
    System.arraycopy(pairs, 0, all, 6, pairs.length);
    return TestServer.component(name, all);
  }
}
