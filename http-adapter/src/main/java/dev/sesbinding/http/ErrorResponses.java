package dev.sesbinding.http;

import dev.sesbinding.core.BindingException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from failures to HTTP answers: Dapr's error JSON {@code {"errorCode","message"}}, with a status that
 * says who can fix it (contract section 4). Never a stack trace in a response.
 */
final class ErrorResponses {
  static final String MALFORMED_REQUEST = "ERR_MALFORMED_REQUEST";
  static final String INVOKE_OUTPUT_BINDING = "ERR_INVOKE_OUTPUT_BINDING";
  static final String HEALTH_NOT_READY = "ERR_HEALTH_NOT_READY";
  static final String NOT_FOUND = "ERR_NOT_FOUND";
  static final String INTERNAL = "ERR_INTERNAL";
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** A failed invocation of binding {@code name}, in Dapr's words: {@code error invoking output binding <name>: ...}. */
  static void invokeFailed(RoutingContext ctx, String name, Throwable stageFailure) {
    Throwable failure = stageFailure;
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure instanceof BindingException error) {
      int status = Statuses.of(error.kind());
      if (status == 429) { // the contract's rule: every 429 says when to retry
        retryAfter(ctx, error.retryAfter().orElse(Duration.ofSeconds(1)));
      }
      invokeError(ctx, status, name, error.getMessage());
    } else if (failure instanceof TimeoutException) { // Future.timeout's, a TimeoutException
      invokeError(ctx, 504, name, "no answer within the request timeout");
    } else {
      LOG.error("binding {} failed unexpectedly", name, failure);
      invokeError(ctx, 500, name, "internal error (" + failure.getClass().getSimpleName() + ")");
    }
  }

  /** {@code ERR_INVOKE_OUTPUT_BINDING} with Dapr's message: {@code error invoking output binding <name>: <detail>}. */
  static void invokeError(RoutingContext ctx, int status, String name, String detail) {
    send(ctx, status, INVOKE_OUTPUT_BINDING, "error invoking output binding " + name + ": " + detail);
  }

  static void retryAfter(RoutingContext ctx, Duration wait) {
    ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
  }

  /** The router's failure handler: malformed bodies, bodies over the limit, and anything unexpected. */
  static void routeFailed(RoutingContext ctx, long maxBodySize) {
    Throwable failure = ctx.failure();
    if (failure instanceof MalformedRequest) {
      send(ctx, 400, MALFORMED_REQUEST, failure.getMessage());
    } else if (ctx.statusCode() == 413) {
      send(ctx, 413, MALFORMED_REQUEST, "failed deserializing HTTP body: the body is larger than " + maxBodySize
          + " bytes (--max-body-size)");
    } else if (ctx.statusCode() == 404 && failure == null) {
      send(ctx, 404, NOT_FOUND, "no such endpoint: " + ctx.request().method() + " " + ctx.request().path());
    } else if (ctx.statusCode() == 405 && failure == null) {
      send(ctx, 405, NOT_FOUND, "method " + ctx.request().method() + " is not allowed on " + ctx.request().path());
    } else {
      if (failure != null) {
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      }
      int status = ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ctx.statusCode() : 500;
      send(ctx, status, status == 500 ? INTERNAL : MALFORMED_REQUEST, status == 500 ? "internal error"
          : "the request cannot be served (HTTP " + status + ")");
    }
  }

  static void send(RoutingContext ctx, int status, String errorCode, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("errorCode", errorCode).put("message", message).encode());
  }
}
