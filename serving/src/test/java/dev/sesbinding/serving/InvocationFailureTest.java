package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class InvocationFailureTest {

  @Test
  void outOfMemoryAnywhereInTheCauseChainIsMemoryPressure() {
    assertThat(InvocationFailure.isMemoryPressure(new OutOfMemoryError("Java heap space")))
        .isTrue();
    assertThat(
            InvocationFailure.isMemoryPressure(
                new IllegalStateException("Failed to decode", new OutOfMemoryError("heap"))))
        .isTrue();
  }

  @Test
  void otherFailuresAreNotMemoryPressure() {
    assertThat(InvocationFailure.isMemoryPressure(new IllegalStateException("end-of-input")))
        .isFalse();
    assertThat(InvocationFailure.isMemoryPressure(new StackOverflowError())).isFalse();
    assertThat(InvocationFailure.isMemoryPressure(null)).isFalse();
  }

  @Test
  void aBindingFailureKeepsItsKindTextAndRetryAfterInDaprsWords() {
    Refusal refusal =
        InvocationFailure.of(
                new CompletionException(
                    new BindingException(
                        BindingException.Kind.THROTTLED,
                        "SES is throttling",
                        null,
                        Duration.ofSeconds(7))))
            .refusal("mail");

    assertThat(refusal.error()).isEqualTo(ErrorCase.THROTTLED);
    assertThat(refusal.message())
        .isEqualTo("error invoking output binding mail: SES is throttling");
    assertThat(refusal.retryAfterSeconds()).contains(7L);
  }

  @Test
  void timeoutsCancellationsAndBugsHaveTheirOwnRows() {
    assertThat(InvocationFailure.of(new TimeoutException()).error()).isEqualTo(ErrorCase.TIMEOUT);
    assertThat(InvocationFailure.of(new CancellationException()).error())
        .isEqualTo(ErrorCase.CANCELLED);
    InvocationFailure bug =
        InvocationFailure.of(new UncheckedIOException(new java.io.IOException("disk")));
    assertThat(bug.error()).isEqualTo(ErrorCase.BINDING_FAILED);
    assertThat(bug.bug()).isTrue();
    assertThat(bug.detail()).isEqualTo("internal error (UncheckedIOException)");
  }
}
