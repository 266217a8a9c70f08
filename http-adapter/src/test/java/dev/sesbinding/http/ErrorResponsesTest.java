package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

  @Test
  void outOfMemoryAnywhereInTheCauseChainIsMemoryPressure() {
    assertThat(ErrorResponses.isMemoryPressure(new OutOfMemoryError("Java heap space"))).isTrue();
    assertThat(
            ErrorResponses.isMemoryPressure(
                new DecodeException("Failed to decode", new OutOfMemoryError("Java heap space"))))
        .isTrue();
  }

  @Test
  void otherFailuresAreNotMemoryPressure() {
    assertThat(ErrorResponses.isMemoryPressure(new DecodeException("Unexpected end-of-input")))
        .isFalse();
    assertThat(ErrorResponses.isMemoryPressure(new StackOverflowError())).isFalse();
    assertThat(ErrorResponses.isMemoryPressure(null)).isFalse();
  }
}
