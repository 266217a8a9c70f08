package dev.sesbinding.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {
  private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aValidTraceparentAndItsTracestateAreTheCallsContext() {
    TraceContext context = TraceContext.of(" " + VALID + " ", "vendor=1,other=2");

    assertThat(context.parent()).contains(VALID);
    assertThat(context.tracestate()).isEqualTo("vendor=1,other=2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-a-traceparent",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nx: y"
      })
  void aMalformedTraceparentIsNoContextNeverAnError(String traceparent) {
    assertThat(TraceContext.of(traceparent, "vendor=1")).isEqualTo(TraceContext.NONE);
  }

  @Test
  void aTracestateTooLongOrWithControlCharactersIsLeftOut() {
    assertThat(TraceContext.of(VALID, "a=" + "x".repeat(600)).tracestate()).isEmpty();
    assertThat(TraceContext.of(VALID, "a=1\nb=2").tracestate()).isEmpty();
    assertThat(TraceContext.of(VALID, null).tracestate()).isEmpty();
  }
}
