package dev.sesbinding.http;

import dev.sesbinding.core.InvokeRequest;
import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.serving.Invocation;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.Outcome;
import dev.sesbinding.serving.TraceContext;
import dev.sesbinding.serving.WayIn;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST|PUT /v1.0/bindings/{name}}: decodes Dapr's request shape, hands it to the {@link
 * InvocationPipeline}, and encodes the outcome (200 with its data and {@code metadata.<key>}
 * headers, 204 without data, or the refusal). A connection that closes before the answer is the
 * caller calling the request off, as Go's HTTP server tells daprd's binding: the call is cancelled.
 * W3C {@code traceparent} and {@code tracestate} headers are the call's trace context, and the
 * answer carries the call's. The outcome is bridged back onto this request's event loop; nothing
 * here blocks.
 */
final class BindingsHandler implements Handler<RoutingContext> {
  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private final InvocationPipeline pipeline;

  BindingsHandler(InvocationPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ReadDeadline.arrived(ctx);
    InvokeRequest request = RequestParser.parse(ctx.body().buffer());
    Invocation call =
        pipeline.invoke(
            WayIn.HTTP,
            ctx.pathParam("name"),
            request,
            null,
            TraceContext.of(
                ctx.request().getHeader(TRACEPARENT), ctx.request().getHeader(TRACESTATE)));
    // as daprd, the answer carries the call's trace context, whatever the outcome
    call.trace().parent().ifPresent(parent -> ctx.response().putHeader(TRACEPARENT, parent));
    if (!call.trace().tracestate().isEmpty()) {
      ctx.response().putHeader(TRACESTATE, call.trace().tracestate());
    }
    ctx.response().closeHandler(closed -> call.cancel());
    Future.fromCompletionStage(call.outcome(), ctx.vertx().getOrCreateContext())
        .onSuccess(outcome -> answer(ctx, outcome));
  }

  private static void answer(RoutingContext ctx, Outcome outcome) {
    if (outcome.succeeded()) {
      write(ctx.response(), outcome.response().orElseThrow());
    } else {
      ErrorResponses.send(ctx, outcome.refusal().orElseThrow());
    }
  }

  private static void write(HttpServerResponse http, InvokeResponse response) {
    if (http.ended() || http.closed()) {
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
