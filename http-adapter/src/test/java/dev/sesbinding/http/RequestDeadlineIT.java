package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.OutputBinding;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server's own deadline: a binding that never answers still gets its caller a 504 at the request timeout. */
@ExtendWith(VertxExtension.class)
class RequestDeadlineIT {
  private static final long TIMEOUT_MILLIS = 500;
  private BindingsVerticle verticle;
  private WebClient client;

  private static final OutputBinding NEVER_ANSWERS = new ScriptedBinding(CompletableFuture::new);

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext context) throws Exception {
    verticle = new BindingsVerticle(Bindings.of(Map.of("stuck", NEVER_ANSWERS)), ServerOptions.fromArgs(
        new String[] {"--dapr-http-port", "0", "--request-timeout", TIMEOUT_MILLIS + "ms"}, Map.of()));
    client = WebClient.create(vertx);
    vertx.deployVerticle(verticle).onComplete(context.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void bindingThatNeverAnswersIs504AtTheRequestTimeout(VertxTestContext context) {
    long started = System.nanoTime();
    client.post(verticle.actualPort(), "127.0.0.1", "/v1.0/bindings/stuck")
        .sendBuffer(Buffer.buffer("{\"operation\":\"create\"}"))
        .onComplete(context.succeeding((HttpResponse<Buffer> response) -> context.verify(() -> {
          long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
          assertThat(response.statusCode()).isEqualTo(504);
          assertThat(response.bodyAsJsonObject().getString("message"))
              .isEqualTo("error invoking output binding stuck: no answer within the request timeout");
          assertThat(elapsedMillis).isBetween(TIMEOUT_MILLIS, TIMEOUT_MILLIS + 1000);
          assertThat(verticle.inFlight()).isZero();
          context.completeNow();
        })));
  }
}
