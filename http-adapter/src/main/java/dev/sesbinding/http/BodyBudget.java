package dev.sesbinding.http;

import dev.sesbinding.serving.ByteBudget;
import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;

/**
 * Admission by bytes, before a body is read: each request reserves its {@code Content-Length} (or,
 * chunked, the largest body allowed) from one budget for the whole server (shared with the other
 * adapters) and frees it when answered. A body over the size limit is refused with 413, and one
 * that does not fit the budget with 429 and {@code Retry-After}; neither body is kept (what arrives
 * of it is dropped, up to the size limit and the read timeout), and the connection then closes.
 */
final class BodyBudget implements PlatformHandler {
  private final long maxBodySize;
  private final ByteBudget budget;
  private final Duration readTimeout;

  BodyBudget(long maxBodySize, ByteBudget budget, Duration readTimeout) {
    this.maxBodySize = maxBodySize;
    this.budget = budget;
    this.readTimeout = readTimeout;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long size = declaredSize(ctx);
    if (size > maxBodySize) {
      ErrorResponses.closeAfterDraining(ctx, maxBodySize, readTimeout);
      ErrorResponses.send(ctx, ErrorResponses.bodyTooLarge(maxBodySize));
      return;
    }
    if (!budget.tryReserve(size)) {
      ErrorResponses.closeAfterDraining(ctx, maxBodySize, readTimeout);
      ErrorResponses.send(
          ctx, Refusal.invoking(ErrorCase.OVERLOADED, ctx.pathParam("name"), budget.exhausted()));
      return;
    }
    ctx.addEndHandler(done -> budget.release(size));
    ctx.next();
  }

  /** The body's length as declared, the largest allowed when chunked; -1 never fits anything. */
  private long declaredSize(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return maxBodySize;
    }
    try {
      long declared = Long.parseLong(length.strip());
      return declared < 0 ? Long.MAX_VALUE : declared;
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  long reserved() {
    return budget.held();
  }
}
