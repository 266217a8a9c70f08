package dev.sesbinding.http;

import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.InvocationFailure;
import dev.sesbinding.serving.Refusal;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every {@link Refusal} as Dapr's HTTP API does: the status its row of the table gives,
 * {@code Retry-After} where the row says, and Dapr's error JSON {@code {"errorCode","message"}}
 * (plain text where the row has no {@code errorCode}, as Dapr's {@code invalid api token}). Never a
 * stack trace in a response.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /**
   * The router's failure handler: malformed bodies, bodies over the limit, unknown routes, and
   * anything unexpected.
   */
  static void routeFailed(RoutingContext ctx, long maxBodySize) {
    Throwable failure = ctx.failure();
    if (InvocationFailure.isMemoryPressure(failure)) {
      send(
          ctx,
          Refusal.invoking(
              ErrorCase.OVERLOADED,
              ctx.pathParam("name") == null ? "" : ctx.pathParam("name"),
              "the server is short of memory; retry later"));
    } else if (failure instanceof MalformedRequest) {
      send(ctx, Refusal.of(ErrorCase.MALFORMED_REQUEST, failure.getMessage()));
    } else if (ctx.statusCode() == ErrorCase.TOO_LARGE.httpStatus()) {
      closeAfter(ctx); // a body found too large while read: the rest is never read
      send(ctx, bodyTooLarge(maxBodySize));
    } else if (ctx.statusCode() == ErrorCase.NO_SUCH_METHOD.httpStatus() && failure == null) {
      send(
          ctx,
          Refusal.of(
              ErrorCase.NO_SUCH_METHOD,
              "no such endpoint: " + ctx.request().method() + " " + ctx.request().path()));
    } else if (ctx.statusCode() == ErrorCase.METHOD_NOT_ALLOWED.httpStatus() && failure == null) {
      send(
          ctx,
          Refusal.of(
              ErrorCase.METHOD_NOT_ALLOWED,
              "method " + ctx.request().method() + " is not allowed on " + ctx.request().path()));
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // a request Vert.x itself could not read: the caller's to fix
      send(
          ctx,
          Refusal.of(
              ErrorCase.MALFORMED_REQUEST,
              "the request cannot be served (HTTP " + ctx.statusCode() + ")"));
    } else {
      if (failure != null) {
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
      }
      send(ctx, Refusal.of(ErrorCase.INTERNAL, "internal error"));
    }
  }

  /** 413: the body is larger than {@code --max-body-size}; the caller says how it closes. */
  static Refusal bodyTooLarge(long maxBodySize) {
    return Refusal.of(
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
    Refusal refusal =
        cause instanceof TooLongHttpLineException
            ? Refusal.of(ErrorCase.URI_TOO_LONG, "the request line is longer than the server reads")
            : cause instanceof TooLongHttpHeaderException
                ? Refusal.of(
                    ErrorCase.HEADERS_TOO_LARGE,
                    "the request headers are larger than the server reads")
                : Refusal.of(ErrorCase.MALFORMED_REQUEST, "the request cannot be read as HTTP");
    HttpServerResponse response = request.response().putHeader(HttpHeaders.CONNECTION, "close");
    write(response, refusal).onComplete(written -> request.connection().close());
  }

  /** Answers {@code refusal}, unless an answer was already sent. */
  static void send(RoutingContext ctx, Refusal refusal) {
    if (!ctx.response().ended()) {
      write(ctx.response(), refusal);
    }
  }

  private static Future<Void> write(HttpServerResponse response, Refusal refusal) {
    ErrorCase error = refusal.error();
    response.setStatusCode(error.httpStatus());
    refusal
        .retryAfterSeconds()
        .ifPresent(seconds -> response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    if (error.errorCode().isEmpty()) {
      return response
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end(refusal.message() + "\n");
    }
    return response
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(
            new JsonObject()
                .put("errorCode", error.errorCode())
                .put("message", refusal.message())
                .encode());
  }
}
