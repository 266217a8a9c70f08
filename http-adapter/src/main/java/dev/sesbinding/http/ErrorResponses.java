package dev.sesbinding.http;

import dev.sesbinding.core.BindingException;
import dev.sesbinding.core.ErrorCase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every failure as Dapr's error JSON {@code {"errorCode","message"}}, with the status and
 * {@code Retry-After} that {@link ErrorCase} gives its case. Never a stack trace in a response.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /**
   * A failed invocation of binding {@code name}, in Dapr's words: {@code error invoking output
   * binding <name>: ...}.
   */
  static void invokeFailed(RoutingContext ctx, String name, Throwable stageFailure) {
    Throwable failure = stageFailure;
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure instanceof BindingException error) {
      invokeError(
          ctx,
          ErrorCase.of(error.kind()),
          name,
          error.getMessage(),
          error.retryAfter().orElse(null));
    } else if (failure instanceof TimeoutException) { // Future.timeout's, a TimeoutException
      invokeError(ctx, ErrorCase.TIMEOUT, name, "no answer within the request timeout", null);
    } else {
      LOG.error("binding {} failed unexpectedly", name, failure);
      invokeError(
          ctx,
          ErrorCase.BINDING_FAILED,
          name,
          "internal error (" + failure.getClass().getSimpleName() + ")",
          null);
    }
  }

  /**
   * Dapr's message for binding {@code name}: {@code error invoking output binding <name>:
   * <detail>}; a case that says when to retry says {@code retryAfter}, or {@link
   * ErrorCase#DEFAULT_RETRY_AFTER} when that is null.
   */
  static void invokeError(
      RoutingContext ctx, ErrorCase error, String name, String detail, Duration retryAfter) {
    if (error.retryAfter()) {
      Duration wait = retryAfter == null ? ErrorCase.DEFAULT_RETRY_AFTER : retryAfter;
      ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
    }
    send(ctx, error, "error invoking output binding " + name + ": " + detail);
  }

  /**
   * The router's failure handler: malformed bodies, bodies over the limit, unknown routes, and
   * anything unexpected.
   */
  static void routeFailed(RoutingContext ctx, long maxBodySize) {
    Throwable failure = ctx.failure();
    if (failure instanceof MalformedRequest) {
      send(ctx, ErrorCase.MALFORMED_REQUEST, failure.getMessage());
    } else if (ctx.statusCode() == ErrorCase.TOO_LARGE.httpStatus()) {
      send(
          ctx,
          ErrorCase.TOO_LARGE,
          "failed deserializing HTTP body: the body is larger than "
              + maxBodySize
              + " bytes (--max-body-size)");
    } else if (ctx.statusCode() == ErrorCase.NO_SUCH_METHOD.httpStatus() && failure == null) {
      send(
          ctx,
          ErrorCase.NO_SUCH_METHOD,
          "no such endpoint: " + ctx.request().method() + " " + ctx.request().path());
    } else if (ctx.statusCode() == ErrorCase.METHOD_NOT_ALLOWED.httpStatus() && failure == null) {
      send(
          ctx,
          ErrorCase.METHOD_NOT_ALLOWED,
          "method " + ctx.request().method() + " is not allowed on " + ctx.request().path());
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // a status Vert.x itself chose for a request it could not read: the caller's to fix
      sendStatus(
          ctx,
          ctx.statusCode(),
          ErrorCase.MALFORMED_REQUEST.errorCode(),
          "the request cannot be served (HTTP " + ctx.statusCode() + ")");
    } else {
      if (failure != null) {
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      }
      send(ctx, ErrorCase.INTERNAL, "internal error");
    }
  }

  static void send(RoutingContext ctx, ErrorCase error, String message) {
    sendStatus(ctx, error.httpStatus(), error.errorCode(), message);
  }

  private static void sendStatus(RoutingContext ctx, int status, String errorCode, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("errorCode", errorCode).put("message", message).encode());
  }
}
