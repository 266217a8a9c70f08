package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server while requests are in flight: every one of them still gets its answer. */
@ExtendWith(VertxExtension.class)
class GracefulShutdownIT {
  private static final int REQUESTS = 20;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void stoppingWithRequestsInFlightStillAnswersEveryOne(
      @TempDir Path folder, VertxTestContext context) throws Exception {
    try (FaultySes ses = FaultySes.start()) {
      ses.delay(Duration.ofMillis(1500));
      TestServer server =
          TestServer.start(
              folder,
              Map.of(),
              List.of(TestServer.sesComponent("slow", ses.endpoint().toString())));
      Checkpoint answered = context.checkpoint(REQUESTS);
      for (int i = 0; i < REQUESTS; i++) {
        server
            .sendAsync(HttpMethod.POST, "/v1.0/bindings/slow", VALID_REQUEST)
            .onComplete(
                context.succeeding(
                    response ->
                        context.verify(
                            () -> {
                              assertThat(response.statusCode())
                                  .as(response.bodyAsString())
                                  .isEqualTo(200);
                              assertThat(response.getHeader("metadata.messageId"))
                                  .isEqualTo("stub-message-id");
                              answered.flag();
                            })));
      }
      Await.until(() -> server.server.inFlight() == REQUESTS, "every request is in flight");

      server.server.stop().await(30, TimeUnit.SECONDS);

      assertThat(context.awaitCompletion(30, TimeUnit.SECONDS))
          .as("every request was answered")
          .isTrue();
      assertThat(context.failed()).as("%s", context.causeOfFailure()).isFalse();
      assertThat(ses.attempts()).isEqualTo(REQUESTS);
      assertThat(
              catchThrowable(
                  () ->
                      server
                          .sendAsync(HttpMethod.GET, "/v1.0/healthz", null)
                          .await(5, TimeUnit.SECONDS)))
          .as("the server accepts nothing after stopping")
          .isNotNull();
      server.clientVertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
