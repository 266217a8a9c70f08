package dev.sesbinding.http;

import dev.sesbinding.serving.Refusal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * When {@code DAPR_API_TOKEN} is set, every request must carry it in {@code dapr-api-token}
 * (compared in constant time), else 401 plain text {@code invalid api token}, as Dapr. The header
 * is removed before the next handler.
 */
final class ApiTokenHandler implements Handler<RoutingContext> {
  static final String HEADER = "dapr-api-token";
  private final byte[] token;

  ApiTokenHandler(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
      ErrorResponses.send(ctx, Refusal.invalidApiToken());
      return;
    }
    ctx.request().headers().remove(HEADER);
    ctx.next();
  }
}
