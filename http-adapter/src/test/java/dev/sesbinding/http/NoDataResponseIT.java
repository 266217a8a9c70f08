package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.serving.ServingLimits;
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

/**
 * A binding that answers without data gets 204, with its metadata still as headers (Dapr's rule).
 */
@ExtendWith(VertxExtension.class)
class NoDataResponseIT {
  private BindingsVerticle verticle;
  private WebClient client;

  private static final OutputBinding NO_DATA =
      new ScriptedBinding(
          () ->
              CompletableFuture.completedFuture(
                  new InvokeResponse(new byte[0], Map.of("traceId", "t-1"))));

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext context) {
    verticle = ScriptedBinding.verticle(Map.of("quiet", NO_DATA), ServingLimits.builder().build());
    client = WebClient.create(vertx);
    vertx.deployVerticle(verticle).onComplete(context.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void bindingWithoutDataAnswers204WithMetadataHeaders(Vertx vertx, VertxTestContext context) {
    client
        .post(verticle.actualPort(), "127.0.0.1", "/v1.0/bindings/quiet")
        .sendBuffer(Buffer.buffer("{\"operation\":\"create\"}"))
        .onComplete(
            context.succeeding(
                (HttpResponse<Buffer> response) ->
                    context.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(204);
                          assertThat(response.body()).isNull();
                          assertThat(response.getHeader("metadata.traceId")).isEqualTo("t-1");
                          context.completeNow();
                        })));
  }
}
