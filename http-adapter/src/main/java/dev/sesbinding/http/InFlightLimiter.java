package dev.sesbinding.http;

import dev.sesbinding.core.ErrorCase;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} binding requests at once for the whole server; one more gets 429 with
 * {@code Retry-After}. A platform handler: it runs before the body is read, so a refused request
 * costs no buffering.
 */
final class InFlightLimiter implements PlatformHandler {
  private final int limit;
  private final AtomicInteger inFlight = new AtomicInteger();

  InFlightLimiter(int limit) {
    this.limit = limit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      ErrorResponses.invokeError(
          ctx,
          ErrorCase.OVERLOADED,
          ctx.pathParam("name"),
          "too many requests in flight" + " (limit " + limit + "); retry later",
          null);
      return;
    }
    ctx.addEndHandler(done -> inFlight.decrementAndGet());
    ctx.next();
  }

  int inFlight() {
    return inFlight.get();
  }
}
