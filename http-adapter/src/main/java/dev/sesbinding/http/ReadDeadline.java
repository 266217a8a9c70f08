package dev.sesbinding.http;

import dev.sesbinding.serving.ErrorCase;
import dev.sesbinding.serving.Refusal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;

/**
 * A request's body must arrive within the read timeout of its headers, or the answer is 408 and the
 * connection closes: a stalled body holds no budget, no in-flight place and no connection for
 * longer than that. {@link #arrived} (the first handler after the body is read) ends the wait.
 */
final class ReadDeadline implements PlatformHandler {
  private static final String TIMER = ReadDeadline.class.getName();
  private final long timeoutMillis;

  ReadDeadline(Duration timeout) {
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().isEnded()) {
      ctx.next();
      return;
    }
    long timer =
        ctx.vertx()
            .setTimer(
                timeoutMillis,
                fired -> {
                  ErrorResponses.closeAfter(ctx);
                  ErrorResponses.send(
                      ctx,
                      Refusal.of(
                          ErrorCase.READ_TIMEOUT,
                          "the request body did not arrive within "
                              + timeoutMillis
                              + " ms (--read-timeout)"));
                });
    ctx.put(TIMER, timer);
    ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
    ctx.next();
  }

  /** The body has arrived: no deadline any more. */
  static void arrived(RoutingContext ctx) {
    Long timer = ctx.get(TIMER);
    if (timer != null) {
      ctx.vertx().cancelTimer(timer);
    }
  }
}
