package dev.sesbinding.http;

import dev.sesbinding.core.ErrorCase;
import dev.sesbinding.core.InvocationFailure;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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
    InvocationFailure failure = InvocationFailure.of(stageFailure);
    if (failure.bug()) {
      LOG.error("binding {} failed unexpectedly", name, InvocationFailure.cause(stageFailure));
    }
    invokeError(ctx, failure.error(), name, failure.detail(), failure.retryAfter());
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
    if (isMemoryPressure(failure)) {
      invokeError(
          ctx,
          ErrorCase.OVERLOADED,
          ctx.pathParam("name") == null ? "" : ctx.pathParam("name"),
          "the server is short of memory; retry later",
          null);
    } else if (failure instanceof MalformedRequest) {
      send(ctx, ErrorCase.MALFORMED_REQUEST, failure.getMessage());
    } else if (ctx.statusCode() == ErrorCase.TOO_LARGE.httpStatus()) {
      closeAfter(ctx); // a body found too large while read: the rest is never read
      bodyTooLarge(ctx, maxBodySize);
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

  /** 413; the caller says how the connection closes. */
  static void bodyTooLarge(RoutingContext ctx, long maxBodySize) {
    send(
        ctx,
        ErrorCase.TOO_LARGE,
        "failed deserializing HTTP body: the body is larger than "
            + maxBodySize
            + " bytes (--max-body-size)");
  }

  /**
   * For a request refused before its body was read: the answer says {@code Connection: close}, and
   * the rest of the body is read and dropped (at most {@code maxDrained} bytes, for at most {@code
   * within}) before the connection closes, so that the client reads the answer instead of a reset.
   * Nothing of it is kept.
   */
  static void closeAfterDraining(RoutingContext ctx, long maxDrained, Duration within) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    long timer = ctx.vertx().setTimer(within.toMillis(), fired -> connection.close());
    AtomicLong drained = new AtomicLong();
    request.handler(
        bytes -> {
          if (drained.addAndGet(bytes.length()) > maxDrained) {
            connection.close();
          }
        });
    request.endHandler(
        ended -> {
          ctx.vertx().cancelTimer(timer);
          if (ctx.response().ended()) {
            connection.close();
          } else {
            ctx.addEndHandler(done -> connection.close());
          }
        });
    request.resume();
  }

  /** The answer says {@code Connection: close}, and the connection closes once it is written. */
  static void closeAfter(RoutingContext ctx) {
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    ctx.addEndHandler(done -> ctx.request().connection().close());
  }

  /**
   * Vert.x's own answer to a request it could not read (a request line or headers too long, a
   * broken request), as Dapr's error JSON with the table's status; the connection then closes.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ErrorCase error =
        cause instanceof TooLongHttpLineException
            ? ErrorCase.URI_TOO_LONG
            : cause instanceof TooLongHttpHeaderException ? ErrorCase.HEADERS_TOO_LARGE : null;
    int status = error == null ? 400 : error.httpStatus();
    String message =
        error == ErrorCase.URI_TOO_LONG
            ? "the request line is longer than the server reads"
            : error == ErrorCase.HEADERS_TOO_LARGE
                ? "the request headers are larger than the server reads"
                : "the request cannot be read as HTTP";
    request
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(
            new JsonObject()
                .put("errorCode", ErrorCase.MALFORMED_REQUEST.errorCode())
                .put("message", message)
                .encode())
        .onComplete(written -> request.connection().close());
  }

  /** Memory running out is never the caller's fault: not a 400, not a 500. */
  static boolean isMemoryPressure(Throwable failure) {
    return InvocationFailure.isMemoryPressure(failure);
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
