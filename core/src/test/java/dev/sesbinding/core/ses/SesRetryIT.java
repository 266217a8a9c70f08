package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.BindingException.Kind;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.testing.FaultySes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real SDK client retries what SES errors allow, and nothing else: the stub counts the attempts. */
class SesRetryIT {
  private static FaultySes ses;
  private static SesBinding binding;

  @BeforeAll
  static void start() throws Exception {
    ses = FaultySes.start();
    ComponentMetadata component = ComponentMetadata.of("ses", SesBinding.TYPE, SesBinding.VERSION, Map.of(
        "region", "eu-west-1", "endpoint", ses.endpoint().toString(), "accessKey", "AKIA1", "secretKey", "s",
        "emailFrom", "from@example.com"));
    SesBindingOptions options = SesBindingOptions.builder().retryBaseDelay(Duration.ofMillis(5))
        .retryMaxDelay(Duration.ofMillis(20)).build();
    binding = SesBinding.init(component, options).toCompletableFuture().join();
  }

  @BeforeEach
  void resetAttempts() {
    ses.resetAttempts();
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
      "503, ServiceUnavailable, Service unavailable., 3, UNAVAILABLE"})
  void retriesOnlyWhatCanSucceedLater(int status, String code, String message, int attempts, Kind kind) {
    ses.failWith(status, code, message);

    Throwable failure = catchThrowable(() -> binding.invoke(InvokeRequest.ofStringData("create", "b",
        Map.of("emailTo", "to@example.com", "subject", "s"))).toCompletableFuture().join());

    assertThat(failure.getCause()).isInstanceOf(BindingException.class);
    BindingException error = (BindingException) failure.getCause();
    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.getMessage()).isEqualTo("SES binding error. Sending email failed: " + code + ": " + message
        + " (status " + status + ", request id stub-request)");
    assertThat(ses.attempts()).isEqualTo(attempts);
  }
}
