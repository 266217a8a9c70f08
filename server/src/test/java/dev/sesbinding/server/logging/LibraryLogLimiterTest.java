package dev.sesbinding.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class LibraryLogLimiterTest {
  private final LoggerContext context = new LoggerContext();
  private final LibraryLogLimiter limiter = new LibraryLogLimiter();

  private FilterReply decide(String logger, Level level, String format) {
    Logger named = context.getLogger(logger);
    return limiter.decide(null, named, level, format, null, null);
  }

  @Test
  void aLibraryWarningOfOneKindPassesOnceAMinute() {
    String grpc = "io.grpc.netty.NettyServerHandler";

    assertThat(decide(grpc, Level.WARN, "Stream Error")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(grpc, Level.WARN, "Stream Error")).isEqualTo(FilterReply.DENY);
    assertThat(decide(grpc, Level.ERROR, "Stream Error")).isEqualTo(FilterReply.DENY);
    assertThat(decide(grpc, Level.WARN, "Connection Error"))
        .as("another kind")
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void theServersOwnLinesAndLowerLevelsAreNeverLimited() {
    for (int i = 0; i < 3; i++) {
      assertThat(decide("dev.sesbinding.serving.InvocationPipeline", Level.WARN, "listener failed"))
          .isEqualTo(FilterReply.NEUTRAL);
      assertThat(decide("io.grpc.Foo", Level.INFO, "Transport failed"))
          .isEqualTo(FilterReply.NEUTRAL);
    }
  }
}
