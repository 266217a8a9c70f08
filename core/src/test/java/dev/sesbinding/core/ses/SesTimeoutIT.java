package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ComponentMetadata;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.testing.FaultySes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SDK's attempt and call timeouts fire (through our timers): a hung SES is retried, then
 * answered as TIMEOUT.
 */
class SesTimeoutIT {

  @Test
  void hungSesIsRetriedPerAttemptTimeoutThenFailsAsTimeout() throws Exception {
    try (FaultySes ses = FaultySes.start()) {
      ses.succeed();
      SesBindingOptions options =
          SesBindingOptions.builder()
              .apiCallAttemptTimeout(Duration.ofMillis(600))
              .apiCallTimeout(Duration.ofMillis(3000))
              .retryBaseDelay(Duration.ofMillis(10))
              .retryMaxDelay(Duration.ofMillis(20))
              .build();
      try (SesBinding binding =
          SesBinding.init(
                  ComponentMetadata.of(
                      "ses",
                      SesBinding.TYPE,
                      SesBinding.VERSION,
                      Map.of(
                          "region",
                          "eu-west-1",
                          "endpoint",
                          ses.endpoint().toString(),
                          "accessKey",
                          "AKIA1",
                          "secretKey",
                          "s",
                          "emailFrom",
                          "from@example.com")),
                  options)
              .toCompletableFuture()
              .join()) {
        InvokeRequest request =
            InvokeRequest.ofStringData(
                "create", "b", Map.of("emailTo", "to@example.com", "subject", "s"));
        // A first send warms the client (class loading, signing), so that attempts are timed, not
        // a cold start on a loaded machine.
        binding.invoke(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
        ses.resetAttempts();
        ses.delay(Duration.ofSeconds(10));
        long started = System.nanoTime();

        Throwable failure =
            catchThrowable(
                () -> binding.invoke(request).toCompletableFuture().get(20, TimeUnit.SECONDS));

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(failure.getCause()).isInstanceOf(BindingException.class);
        assertThat(((BindingException) failure.getCause()).kind())
            .isEqualTo(BindingException.Kind.TIMEOUT);
        assertThat(ses.attempts())
            .as("attempts cut by the attempt timeout and retried, at most maxAttempts")
            .isBetween(2, 3);
        assertThat(elapsedMillis)
            .as("answered by the call timeout (3 s), not by SES (10 s)")
            .isLessThan(8000);
      }
    }
  }
}
