package dev.sesbinding.http;

import dev.sesbinding.core.ErrorCase;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} binding requests at once for the whole server; one more gets 429 with
 * {@code Retry-After}. A request counts once its body has arrived (this handler runs after the body
 * is read), so connections that stall their bodies cannot take every place: they hold only bytes of
 * the {@link BodyBudget}, and only until the read timeout.
 */
final class InFlightLimiter implements Handler<RoutingContext> {
  private final int limit;
  private final AtomicInteger inFlight = new AtomicInteger();

  InFlightLimiter(int limit) {
    this.limit = limit;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ReadDeadline.arrived(ctx);
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
