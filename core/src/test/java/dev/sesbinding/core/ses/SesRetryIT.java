package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.testing.ClosedPort;
import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.SesReply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real SDK client retries what SES errors allow, with backoff, and nothing else: the stub
 * counts the attempts.
 */
class SesRetryIT {
  private static final Duration BASE_DELAY = Duration.ofMillis(40);
  private static FaultySes ses;
  private static SesBinding binding;

  @BeforeAll
  static void start() throws Exception {
    ses = FaultySes.start();
    binding = bindingTo(ses.endpoint());
  }

  private static SesBinding bindingTo(URI endpoint) {
    return bindingTo(
        endpoint,
        SesBindingOptions.builder()
            .retryBaseDelay(BASE_DELAY)
            .retryMaxDelay(Duration.ofSeconds(2))
            .build());
  }

  private static SesBinding bindingTo(URI endpoint, SesBindingOptions options) {
    ComponentMetadata component =
        ComponentMetadata.of(
            "ses",
            SesBinding.TYPE,
            SesBinding.VERSION,
            Map.of(
                "region",
                "eu-west-1",
                "endpoint",
                endpoint.toString(),
                "accessKey",
                "AKIA1",
                "secretKey",
                "s",
                "emailFrom",
                "from@example.com"));
    return SesBinding.init(component, options).toCompletableFuture().join();
  }

  @BeforeEach
  void resetStub() {
    ses.resetAttempts();
    ses.succeed();
  }

  @AfterAll
  static void stop() {
    binding.close();
    ses.close();
  }

  @ParameterizedTest(name = "{1}: {2} -> {3} attempt(s)")
  @CsvSource({
    "400, Throttling, Maximum sending rate exceeded., 3, THROTTLED",
    "400, Throttling, Daily message quota exceeded., 1, THROTTLED",
    "400, MessageRejected, Email address is not verified., 1, REJECTED",
    "400, MailFromDomainNotVerifiedException, MAIL FROM domain is not verified., 1, REJECTED",
    "400, ConfigurationSetDoesNotExist, Configuration set does not exist., 1, REJECTED",
    "400, ConfigurationSetSendingPausedException, Sending is paused., 1, REJECTED",
    "400, AccountSendingPausedException, Sending is paused for this account., 1, REJECTED",
    "500, InternalFailure, Internal error., 3, UNAVAILABLE",
    "503, ServiceUnavailable, Service unavailable., 3, UNAVAILABLE"
  })
  void retriesOnlyWhatCanSucceedLater(
      int status, String code, String message, int attempts, Kind kind) {
    ses.failWith(status, code, message);

    BindingException error = failureOf(binding);

    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.getMessage())
        .isEqualTo(
            "SES binding error. Sending email failed: "
                + code
                + ": "
                + message
                + " (status "
                + status
                + ", request id stub-request)");
    assertThat(ses.attempts()).isEqualTo(attempts);
  }

  @Test
  void connectionResetMidResponseIsRetriedThenUnavailable() {
    ses.always(SesReply.resetMidResponse());

    BindingException error = failureOf(binding);

    assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(error.getMessage())
        .startsWith("SES binding error. Sending email failed: SES could not be reached: ");
    assertThat(ses.attempts()).isEqualTo(3);
  }

  /**
   * The SDK's Netty pool now and then loses a refusal (about one attempt in twenty on this machine,
   * with a bare SesAsyncClient too): that attempt waits for its attempt timeout and is retried.
   * Only when the last attempt is lost does the send end as TIMEOUT; never in a hang or an id.
   */
  @Test
  void refusedConnectionIsUnavailable() throws Exception {
    SesBindingOptions options =
        SesBindingOptions.builder()
            .retryBaseDelay(BASE_DELAY)
            .apiCallAttemptTimeout(Duration.ofMillis(300))
            .apiCallTimeout(Duration.ofSeconds(2))
            .build();
    try (ClosedPort closed = ClosedPort.reserve();
        SesBinding nowhere = bindingTo(closed.endpoint(), options)) {
      int refused = 0;
      for (int i = 0; i < 10; i++) {
        BindingException error = failureOf(nowhere);

        assertThat(error.kind()).isIn(Kind.UNAVAILABLE, Kind.TIMEOUT);
        if (error.kind() == Kind.UNAVAILABLE) {
          assertThat(error.getMessage())
              .startsWith(
                  "SES binding error. Sending email failed: SES could not be " + "reached: ")
              .contains("Connection refused");
          refused++;
        }
      }
      assertThat(refused).as("sends answered as refused, of 10").isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void proxyErrorPageIsRetriedThenUnavailable() {
    ses.always(SesReply.answer(502, "<html><body>Bad Gateway</body></html>"));

    BindingException error = failureOf(binding);

    assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(error.getMessage())
        .startsWith("SES binding error. Sending email failed: ")
        .contains("status 502");
    assertThat(ses.attempts()).isEqualTo(3);
  }

  @Test
  void successBodyThatIsNotXmlIsUnavailableAndNotRetried() {
    ses.always(SesReply.answer(200, "this is not XML"));

    BindingException error = failureOf(binding);

    assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(error.getMessage())
        .isEqualTo(
            "SES binding error. Sending email failed: SES answered with a body "
                + "that is not a SendEmail response (XMLStreamException: ParseError at [row,col]:[1,1] Message: Content is "
                + "not allowed in prolog.); the email may or may not have been sent");
    assertThat(ses.attempts())
        .as("SES may have accepted the email: retrying could send it twice")
        .isEqualTo(1);
  }

  @Test
  void successWithoutMessageIdIsAnErrorNotAnEmptyId() {
    ses.always(SesReply.answer(200, "<SendEmailResponse><SendEmailResult/></SendEmailResponse>"));

    BindingException error = failureOf(binding);

    assertThat(error.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(error.getMessage())
        .isEqualTo(
            "SES binding error. Sending email failed: SES answered without a "
                + "message id; the email may or may not have been sent");
    assertThat(ses.attempts()).isEqualTo(1);
  }

  @Test
  void throttlingThatClearsEndsInTheMessageId() throws Exception {
    ses.next(
        SesReply.error(400, "Throttling", "Maximum sending rate exceeded."),
        SesReply.error(503, "ServiceUnavailable", "Service unavailable."));
    ses.always(SesReply.success("third-time-lucky"));

    InvokeResponse response = invoke(binding).get(10, TimeUnit.SECONDS);

    assertThat(response.metadata()).containsEntry("messageId", "third-time-lucky");
    assertThat(ses.attempts()).isEqualTo(3);
  }

  @Test
  void retriesBackOffExponentiallyWithHalfJitter() {
    ses.failWith(500, "InternalFailure", "Internal error.");

    failureOf(binding);

    List<Duration> gaps = ses.gapsBetweenAttempts();
    assertThat(gaps).hasSize(2);
    assertThat(gaps.get(0))
        .as("first retry waits at least half the base delay")
        .isGreaterThanOrEqualTo(BASE_DELAY.dividedBy(2));
    assertThat(gaps.get(1))
        .as("second retry waits at least the base delay")
        .isGreaterThanOrEqualTo(BASE_DELAY);
  }

  @Test
  void throttlingBacksOffFromFiveTimesTheBaseDelay() {
    ses.failWith(400, "Throttling", "Maximum sending rate exceeded.");

    failureOf(binding);

    List<Duration> gaps = ses.gapsBetweenAttempts();
    assertThat(gaps).hasSize(2);
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(BASE_DELAY.multipliedBy(5).dividedBy(2));
    assertThat(gaps.get(1)).isGreaterThanOrEqualTo(BASE_DELAY.multipliedBy(5));
  }

  private static java.util.concurrent.CompletableFuture<InvokeResponse> invoke(SesBinding target) {
    return target
        .invoke(
            InvokeRequest.ofStringData(
                "create", "b", Map.of("emailTo", "to@example.com", "subject", "s")))
        .toCompletableFuture();
  }

  private static BindingException failureOf(SesBinding target) {
    Throwable failure = catchThrowable(() -> invoke(target).get(10, TimeUnit.SECONDS));
    assertThat(failure).isNotNull();
    assertThat(failure.getCause()).isInstanceOf(BindingException.class);
    return (BindingException) failure.getCause();
  }
}
