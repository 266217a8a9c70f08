package dev.sesbinding.core.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SesBindingOptionsTest {

  @Test
  void withoutDeadlineTheSdkDefaultsHold() {
    SesBindingOptions options = SesBindingOptions.defaults();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void longDeadlineKeepsTheSdkDefaults() {
    SesBindingOptions options =
        SesBindingOptions.builder().deadline(Duration.ofSeconds(20)).build();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shortDeadlineEndsTheSdkCallJustBeforeItWithRoomForEveryAttempt() {
    SesBindingOptions options = SesBindingOptions.builder().deadline(Duration.ofSeconds(2)).build();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofMillis(1800));
    assertThat(options.apiCallAttemptTimeout())
        .as("a third of the call: 3 attempts")
        .isEqualTo(Duration.ofMillis(600));
  }

  @Test
  void deadlineMarginIsAtMost250Millis() {
    SesBindingOptions options =
        SesBindingOptions.builder().deadline(Duration.ofSeconds(10)).build();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofMillis(9750));
    assertThat(options.apiCallAttemptTimeout()).isEqualTo(Duration.ofMillis(3250));
  }

  @Test
  void deadlineSharesTheCallAmongTheConfiguredAttempts() {
    SesBindingOptions options =
        SesBindingOptions.builder().maxAttempts(5).deadline(Duration.ofSeconds(10)).build();

    assertThat(options.apiCallAttemptTimeout()).isEqualTo(Duration.ofMillis(1950));
  }

  @Test
  void deadlineNeverRaisesExplicitTimeouts() {
    SesBindingOptions options =
        SesBindingOptions.builder()
            .apiCallTimeout(Duration.ofSeconds(1))
            .apiCallAttemptTimeout(Duration.ofMillis(200))
            .deadline(Duration.ofSeconds(20))
            .build();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.apiCallAttemptTimeout()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void rejectsNonPositiveDeadline() {
    assertThatThrownBy(() -> SesBindingOptions.builder().deadline(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deadline");
  }

  @Test
  void initRunsOnANamedDaemonThreadOfItsOwnByDefault() throws Exception {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();

    SesBindingOptions.defaults()
        .initExecutor()
        .execute(() -> ranOn.complete(Thread.currentThread()));

    Thread thread = ranOn.get(10, TimeUnit.SECONDS);
    assertThat(thread.getName()).startsWith("ses-binding-init-");
    assertThat(thread.isDaemon()).isTrue();
  }

  @Test
  void completesOnTheSdkPoolUnlessTheCallerChoosesAnExecutor() {
    assertThat(SesBindingOptions.defaults().completionExecutor()).isEmpty();
    assertThat(
            SesBindingOptions.builder()
                .completionExecutor(Runnable::run)
                .build()
                .completionExecutor())
        .isPresent();
  }
}
