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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * Every SES fault, injected by a stub on 127.0.0.1, through the running server with the AWS SDK's
 * client ({@code --ses-client sdk}): the attempts the stub saw (retried only when it can help), the
 * status and {@code Retry-After} the caller gets, and afterwards a healthy server with nothing in
 * flight. {@link SesOverVertxFaultsIT} is the same for the default client.
 */
class FaultsIT {
  private static final String PREFIX =
      "error invoking output binding faulty: SES binding error. Sending email failed: ";
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
                // its own SES client: the storm of faults drains that client's retry quota, not the
                // one "faulty" uses
                TestServer.sesComponent("mixed", ses.endpoint().toString()),
                TestServer.sesComponent("mixedgrpc", ses.endpoint().toString()),
                TestServer.sesComponent("nowhere", closedPort.endpoint().toString())),
            "--request-timeout",
            REQUEST_TIMEOUT.toMillis() + "ms",
            "--ses-client",
            "sdk");
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
    assertThat(server.get("/v1.0/healthz").statusCode()).isEqualTo(204);
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
            "500",
            SesReply.error(500, "InternalFailure", "Internal error."),
            3,
            502,
            null,
            "InternalFailure: Internal error. (status 500, request id stub-request)"),
        Arguments.of(
            "503",
            SesReply.error(503, "ServiceUnavailable", "Service unavailable."),
            3,
            502,
            null,
            "ServiceUnavailable: Service unavailable. (status 503, request id stub-request)"),
        Arguments.of(
            "reset mid-response",
            SesReply.resetMidResponse(),
            3,
            502,
            null,
            "SES could not be reached: "),
        Arguments.of(
            "malformed body",
            SesReply.answer(200, "<SendEmailResponse><Oops"),
            1,
            502,
            null,
            "SES answered with a body that is not a SendEmail response"),
        Arguments.of(
            "MessageRejected",
            SesReply.error(400, "MessageRejected", "Email address is not verified."),
            1,
            422,
            null,
            "MessageRejected: Email address is not verified. (status 400, request id stub-request)"),
        Arguments.of(
            "MailFromDomainNotVerified",
            SesReply.error(
                400, "MailFromDomainNotVerifiedException", "MAIL FROM domain is not verified."),
            1,
            422,
            null,
            "MailFromDomainNotVerifiedException: "),
        Arguments.of(
            "ConfigurationSetDoesNotExist",
            SesReply.error(
                400, "ConfigurationSetDoesNotExist", "Configuration set does not exist."),
            1,
            422,
            null,
            "ConfigurationSetDoesNotExist: "),
        Arguments.of(
            "ConfigurationSetSendingPaused",
            SesReply.error(400, "ConfigurationSetSendingPausedException", "Sending is paused."),
            1,
            422,
            null,
            "ConfigurationSetSendingPausedException: "),
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
  void faultIsRetriedOnlyIfItCanHelpThenAnsweredWithItsStatus(
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
    // As SesRetryIT shows, the SDK's Netty pool now and then loses a refusal; that attempt is cut
    // at a third of the
    // call and retried, so only a lost last attempt makes the answer a 504.
    int refused = 0;
    for (int i = 0; i < 10; i++) {
      HttpResponse<Buffer> response = server.post("nowhere", VALID_REQUEST);
      if (response.statusCode() == 502) {
        TestServer.assertDaprError(
            response,
            502,
            "error invoking output binding nowhere: SES binding error. Sending email "
                + "failed: SES could not be reached: ");
        refused++;
      } else {
        TestServer.assertDaprError(response, 504, "error invoking output binding nowhere: ");
      }
    }
    assertThat(refused).as("requests answered 502, of 10").isGreaterThanOrEqualTo(5);
  }

  @Test
  void sesThatNeverAnswersIs504WithinTheRequestTimeoutAndIsNotTriedAfterIt() throws Exception {
    ses.always(SesReply.neverAnswer());
    long started = System.nanoTime();

    HttpResponse<Buffer> response = server.post("faulty", VALID_REQUEST);

    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    TestServer.assertDaprError(response, 504, "error invoking output binding faulty: ");
    assertThat(response.bodyAsJsonObject().getString("message"))
        .as(
            "the SDK's call timeout, set just under the "
                + "request timeout, answers first; the server's deadline only if the SDK's timer is late")
        .containsAnyOf("no answer from SES in time: ", "no answer within the request timeout");
    assertThat(elapsed)
        .as("the answer comes at the request timeout (slack for a loaded machine)")
        .isLessThan(REQUEST_TIMEOUT.plusSeconds(3));
    int attemptsWhenAnswered = ses.attempts();
    assertThat(attemptsWhenAnswered)
        .as("each hung attempt cut at a third of the call and retried")
        .isGreaterThanOrEqualTo(2);
    Thread.sleep(REQUEST_TIMEOUT.toMillis());
    assertThat(ses.attempts())
        .as("no attempt after the caller got its answer")
        .isEqualTo(attemptsWhenAnswered);
  }

  @Test
  void faultsThatClearWithinTheRetriesEndInTheMessageId() {
    ses.next(
        SesReply.resetMidResponse(),
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

    HttpStorm.eachAnsweredOnce(server, ses, "mixed", requests, 7, REQUEST_TIMEOUT.plusSeconds(10));

    assertThat(ses.attempts()).isGreaterThanOrEqualTo(requests);
  }

  @Test
  void everyConcurrentGrpcCallUnderFaultsEndsInExactlyOneAnswer() throws Exception {
    int calls = 200;
    Random random = new Random(11);
    List<SesReply> menu = SesReply.everyKind();
    for (int i = 0; i < calls * 3; i++) {
      ses.next(menu.get(random.nextInt(menu.size())));
    }
    io.grpc.ManagedChannel channel = server.grpcChannel();
    try {
      var dapr =
          dev.sesbinding.grpc.runtime.v1.DaprGrpc.newFutureStub(channel)
              .withDeadlineAfter(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
      List<
              com.google.common.util.concurrent.ListenableFuture<
                  dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse>>
          answers = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        answers.add(dapr.invokeBinding(TestServer.grpcEmail("mixedgrpc")));
      }

      GrpcStorm.eachAnsweredOnce(
          answers,
          dev.sesbinding.grpc.runtime.v1.InvokeBindingResponse::getMetadataMap,
          "error invoking output binding mixedgrpc: ",
          REQUEST_TIMEOUT.plusSeconds(20));
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
