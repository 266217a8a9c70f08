package dev.sesbinding.http;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ErrorCase;
import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST|PUT /v1.0/bindings/{name}}: Dapr's request shape in, the binding's response out (200
 * with its data and {@code metadata.<key>} headers, or 204 without data). The binding's {@code
 * CompletionStage} is bridged back onto this request's event loop; nothing here blocks.
 */
final class BindingsHandler implements Handler<RoutingContext> {
  private final BindingRegistry bindings;
  private final Duration timeout;

  BindingsHandler(BindingRegistry bindings, Duration timeout) {
    this.bindings = bindings;
    this.timeout = timeout;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    InvokeRequest request = RequestParser.parse(ctx.body().buffer());
    Optional<RegisteredBinding> binding = bindings.get(name);
    if (binding.isEmpty()) {
      ErrorResponses.invokeError(
          ctx, ErrorCase.BINDING_NOT_FOUND, name, "couldn't find output binding " + name, null);
      return;
    }
    CompletableFuture<InvokeResponse> stage =
        invoke(binding.get().binding(), request).toCompletableFuture();
    Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext())
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .onSuccess(response -> write(ctx, response))
        .onFailure(
            failure -> {
              // the caller gets its 504 now: the binding's work is called off (no SES attempt
              // after)
              stage.completeExceptionally(failure);
              ErrorResponses.invokeFailed(ctx, name, failure);
            });
  }

  /** A binding that throws instead of failing its stage is answered the same way. */
  private static CompletionStage<InvokeResponse> invoke(
      OutputBinding binding, InvokeRequest request) {
    try {
      return binding.invoke(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void write(RoutingContext ctx, InvokeResponse response) {
    HttpServerResponse http = ctx.response();
    if (http.ended()) {
      return;
    }
    response.metadata().forEach((key, value) -> http.putHeader("metadata." + key, value));
    byte[] data = response.data();
    if (data.length == 0) {
      http.setStatusCode(204).end();
    } else {
      http.setStatusCode(200)
          .putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(data));
    }
  }
}
