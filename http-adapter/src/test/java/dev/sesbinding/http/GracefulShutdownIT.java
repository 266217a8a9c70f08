package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sesbinding.core.testing.FaultySes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownIT {
  private static final int REQUESTS = 20;
  private static final String VALID = "{\"operation\":\"create\",\"data\":\"x\","
      + "\"metadata\":{\"emailTo\":\"to@example.com\",\"subject\":\"Hello\"}}";

  @Test
  void stoppingWithRequestsInFlightStillAnswersEveryOne(@TempDir Path folder) throws Exception {
    try (FaultySes ses = FaultySes.start()) {
      ses.delay(Duration.ofMillis(1500));
      TestServer server = TestServer.start(folder, Map.of(),
          List.of(TestServer.sesComponent("slow", ses.endpoint().toString())));
      List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        responses.add(server.sendAsync(HttpMethod.POST, "/v1.0/bindings/slow", VALID));
      }
      TestServer.awaitTrue(() -> server.server.inFlight() == REQUESTS, "every request is in flight");

      Future<Void> stopped = server.server.stop();

      for (Future<HttpResponse<Buffer>> response : responses) {
        HttpResponse<Buffer> answer = response.await(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        assertThat(answer.getHeader("metadata.messageId")).isEqualTo("stub-message-id");
      }
      stopped.await(20, TimeUnit.SECONDS);
      assertThat(ses.attempts()).isEqualTo(REQUESTS);
      assertThat(catchThrowable(() -> server.sendAsync(HttpMethod.GET, "/v1.0/healthz", null)
          .await(5, TimeUnit.SECONDS))).as("the server accepts nothing after stopping").isNotNull();
      server.clientVertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
