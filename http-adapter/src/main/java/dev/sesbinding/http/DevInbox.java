package dev.sesbinding.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dev inbox at {@code /outbox/}: a static page (HTML, CSS and a little JavaScript from this
 * jar) that reads the outbox's JSON API. The page holds no data, so it is served without the API
 * token; it asks for the token and sends it on each data call. Its policy lets it load only itself
 * and call only this server; an email's HTML renders in a sandboxed frame that inherits that policy
 * and adds its own, which blocks remote images until the user allows them.
 */
final class DevInbox {
  static final String PATH = "/outbox/";

  /**
   * Scripts and styles from this server only. Inline styles, {@code data:} fonts and {@code http:}
   * / {@code https:} images are allowed here only because an email's frame inherits this policy and
   * needs them; the frame's own policy narrows them again.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data: http: https:; font-src data:; connect-src 'self'; "
          + "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; "
          + "frame-ancestors 'none'";

  private static final String RESOURCES = "ses-binding-dev-inbox";

  private DevInbox() {}

  static void route(Router router) {
    router
        .getWithRegex("/outbox")
        .handler(ctx -> ctx.redirect(PATH)); // exactly /outbox: a plain path would take /outbox/
    router
        .get(PATH + "*")
        .handler(DevInbox::securityHeaders)
        .handler(
            StaticHandler.create(RESOURCES)
                .setIndexPage("index.html")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIncludeHidden(false));
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-cache");
    ctx.next();
  }
}
