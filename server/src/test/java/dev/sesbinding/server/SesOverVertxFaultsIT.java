package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.ClosedPort;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SES fault through the running server with {@code --ses-client vertx}: retried only where
 * SES cannot have taken the email (throttled, no connection), never an attempt that went out and
 * got a 5xx, broke off or hung; each answered from the one error table; the server healthy after.
 */
class SesOverVertxFaultsIT {
  private static final String PREFIX =
      "error invoking output binding faulty: SES binding error. Sending email failed: ";
  private static final String UNKNOWN = "; the email may or may not have been sent";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  @TempDir static Path folder;
  static FaultySes ses;
  static ClosedPort closedPort;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    ses = FaultySes.start();
    closedPort = ClosedPort.reserve();
    server =
        TestServer.start(
            folder,
            Map.of(),
            List.of(
                TestServer.sesComponent("faulty", ses.endpoint().toString()),
                TestServer.sesComponent("nowhere", closedPort.endpoint().toString())),
            "--request-timeout",
            REQUEST_TIMEOUT.toMillis() + "ms",
            "--ses-client",
            "vertx");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    ses.close();
    closedPort.close();
  }

  @BeforeEach
  void resetStub() {
    ses.resetAttempts();
    ses.succeed();
  }

  @AfterEach
  void serverStaysHealthyWithNothingInFlight() throws Exception {
    Await.until(() -> server.server.inFlight() == 0, "the in-flight count is back to zero");
    ses.resetAttempts();
    ses.succeed();
    assertThat(server.post("faulty", VALID_REQUEST).statusCode())
        .as("a valid request right after")
        .isEqualTo(200);
  }

  static Stream<Arguments> faults() {
    return Stream.of(
        Arguments.of(
            "throttling",
            SesReply.error(400, "Throttling", "Maximum sending rate exceeded."),
            3,
            429,
            "1",
            "Throttling: Maximum sending rate exceeded. (status 400, request id stub-request)"),
        Arguments.of(
            "daily quota",
            SesReply.error(400, "Throttling", "Daily message quota exceeded."),
            1,
            429,
            "3600",
            "Throttling: Daily message quota exceeded. (status 400, request id stub-request)"),
        Arguments.of(
            "500: SES may have taken it, so not retried",
            SesReply.error(500, "InternalFailure", "Internal error."),
            1,
            502,
            null,
            "InternalFailure: Internal error. (status 500, request id stub-request)"),
        Arguments.of(
            "503",
            SesReply.error(503, "ServiceUnavailable", "Service unavailable."),
            1,
            502,
            null,
            "ServiceUnavailable: Service unavailable. (status 503, request id stub-request)"),
        Arguments.of(
            "reset mid-response: it went out, so not retried",
            SesReply.resetMidResponse(),
            1,
            502,
            null,
            "the call to SES broke off: "),
        Arguments.of(
            "malformed body",
            SesReply.answer(200, "<SendEmailResponse><Oops"),
            1,
            502,
            null,
            "SES answered with a body that is not a SendEmail response"),
        Arguments.of(
            "success without a message id",
            SesReply.answer(200, "<SendEmailResponse><SendEmailResult/></SendEmailResponse>"),
            1,
            502,
            null,
            "SES answered without a message id" + UNKNOWN),
        Arguments.of(
            "an answer over 1 MiB",
            SesReply.answer(200, "<a>" + "x".repeat(VertxSesHttpClient.MAX_ANSWER_BYTES) + "</a>"),
            1,
            502,
            null,
            "the call to SES broke off: IOException: SES's answer is longer than 1048576 bytes"),
        Arguments.of(
            "MessageRejected",
            SesReply.error(400, "MessageRejected", "Email address is not verified."),
            1,
            422,
            null,
            "MessageRejected: Email address is not verified. (status 400, request id stub-request)"),
        Arguments.of(
            "AccountSendingPaused",
            SesReply.error(
                400, "AccountSendingPausedException", "Sending is paused for this account."),
            1,
            422,
            null,
            "AccountSendingPausedException: "));
  }

  @ParameterizedTest(name = "{0} -> {2} attempt(s), {3}")
  @MethodSource("faults")
  void faultIsRetriedOnlyWhereNothingCanHaveBeenSent(
      String name,
      SesReply fault,
      int attempts,
      int status,
      String retryAfter,
      String messageStart) {
    ses.always(fault);

    HttpResponse<Buffer> response = server.post("faulty", VALID_REQUEST);

    TestServer.assertDaprError(response, status, PREFIX + messageStart);
    assertThat(response.getHeader("Retry-After")).isEqualTo(retryAfter);
    assertThat(ses.attempts()).isEqualTo(attempts);
  }

  @Test
  void refusedConnectionIs502() {
    for (int i = 0; i < 5; i++) {
      TestServer.assertDaprError(
          server.post("nowhere", VALID_REQUEST),
          502,
          "error invoking output binding nowhere: SES binding error. Sending email failed: SES"
              + " could not be reached: ");
    }
  }

  @Test
  void sesThatNeverAnswersIsTriedOnceAndAnswered504() throws Exception {
    ses.always(SesReply.neverAnswer());
    long started = System.nanoTime();

    HttpResponse<Buffer> response = server.post("faulty", VALID_REQUEST);

    TestServer.assertDaprError(response, 504, PREFIX + "no answer from SES in time: ");
    assertThat(response.bodyAsJsonObject().getString("message")).endsWith(UNKNOWN);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("within the request timeout (slack for a loaded machine)")
        .isLessThan(REQUEST_TIMEOUT.plusSeconds(3));
    Thread.sleep(REQUEST_TIMEOUT.toMillis());
    assertThat(ses.attempts()).as("the hung attempt went out: never again").isEqualTo(1);
  }

  @Test
  void throttlingThatClearsWithinTheRetriesEndsInTheMessageId() {
    ses.next(
        SesReply.error(400, "Throttling", "Maximum sending rate exceeded."),
        SesReply.error(400, "Throttling", "Maximum sending rate exceeded."));
    ses.always(SesReply.success("after-two-faults"));

    HttpResponse<Buffer> response = server.post("faulty", VALID_REQUEST);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("metadata.messageId")).isEqualTo("after-two-faults");
    assertThat(ses.attempts()).isEqualTo(3);
  }

  @Test
  void everyConcurrentRequestUnderFaultsEndsInExactlyOneAnswer() {
    int requests = 200;

    HttpStorm.eachAnsweredOnce(
        server, ses, "faulty", requests, 13, REQUEST_TIMEOUT.plusSeconds(10));
  }
}
