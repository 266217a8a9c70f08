package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.ses.SesBindingOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BindingsTest {

  @Test
  void defaultRequestTimeoutKeepsTheSdkDefaults() {
    SesBindingOptions options = Bindings.sesCallsWithin(Duration.ofSeconds(20), SesBindingOptions.builder()).build();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void shortRequestTimeoutEndsTheSdkCallJustBeforeItWithRoomForEveryAttempt() {
    SesBindingOptions options = Bindings.sesCallsWithin(Duration.ofSeconds(2), SesBindingOptions.builder()).build();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofMillis(1800));
    assertThat(options.apiCallAttemptTimeout()).as("a third of the call: 3 attempts").isEqualTo(Duration.ofMillis(600));
  }

  @Test
  void marginIsAtMost250Millis() {
    SesBindingOptions options = Bindings.sesCallsWithin(Duration.ofSeconds(10), SesBindingOptions.builder()).build();

    assertThat(options.apiCallTimeout()).isEqualTo(Duration.ofMillis(9750));
    assertThat(options.apiCallAttemptTimeout()).isEqualTo(Duration.ofMillis(3250));
  }
}
