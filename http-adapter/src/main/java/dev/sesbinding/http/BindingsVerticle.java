package dev.sesbinding.http;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;

/**
 * The Dapr bindings HTTP API over a registry of bindings. Undeploying it stops accepting and lets
 * requests in flight finish within the grace period; the bindings stay open: whoever built the
 * registry closes it.
 */
public final class BindingsVerticle extends VerticleBase {
  private final BindingRegistry bindings;
  private final InvocationPipeline pipeline;
  private final ServingLimits limits;
  private final ApiOptions options;
  private final BodyBudget budget;
  private ConnectionGuard connections;
  private volatile boolean ready;
  private volatile boolean devInbox;
  private HttpServer server;

  /**
   * Serves the bindings of {@code bindings} (its metadata and outboxes here, its calls through
   * {@code pipeline}, whose limits and capacity it enforces) where {@code options} says.
   */
  public BindingsVerticle(
      BindingRegistry bindings, InvocationPipeline pipeline, ApiOptions options) {
    this.bindings = bindings;
    this.pipeline = pipeline;
    this.limits = pipeline.limits();
    this.options = options;
    this.budget =
        new BodyBudget(limits.maxBodySize(), pipeline.capacity().bytes(), limits.readTimeout());
  }

  @Override
  public Future<?> start() {
    connections =
        new ConnectionGuard(
            vertx, pipeline.capacity().connections(), limits.readTimeout(), limits.idleTimeout());
    Router router = router();
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(options.listenAddress())
                .setPort(options.port())
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // HTTP/1.1 only: with h2c on, Vert.x waits for a connection's first bytes before it
                // exists for us, so a connection that sends nothing would escape the guard.
                .setHttp2ClearTextEnabled(false));
    return server
        .connectionHandler(connections::opened)
        .invalidRequestHandler(ErrorResponses::invalidRequest)
        .requestHandler(
            request -> {
              connections.requestStarted(request);
              router.handle(request);
            })
        .listen()
        .onSuccess(listening -> ready = true);
  }

  /** Every endpoint, in one place: the map of the API. */
  private Router router() {
    Router router = Router.router(vertx);
    router
        .route()
        .handler(
            ctx -> {
              ctx.addEndHandler(done -> connections.requestEnded(ctx.request().connection()));
              ctx.next();
            });
    router.get("/v1.0/healthz").handler(ctx -> Endpoints.health(ctx, () -> ready));
    router.get("/v1.0/healthz/outbound").handler(ctx -> Endpoints.health(ctx, () -> ready));
    OutboxApi outbox = new OutboxApi(bindings, pipeline.capacity().bytes());
    devInbox = outbox.anyOutbox();
    if (devInbox) {
      DevInbox.route(router);
    }
    if (!options.apiToken().isEmpty()) {
      router.route().handler(new ApiTokenHandler(options.apiToken()));
    }
    router
        .route("/v1.0/bindings/:name")
        .method(HttpMethod.POST)
        .method(HttpMethod.PUT)
        .handler(budget)
        .handler(new ReadDeadline(limits.readTimeout()))
        .handler(BodyHandler.create(false).setBodyLimit(limits.maxBodySize()))
        .handler(new BindingsHandler(pipeline));
    router.get("/v1.0/metadata").handler(ctx -> Endpoints.metadata(ctx, options.appId(), bindings));
    router.get("/v1.0/outbox").handler(outbox::outboxes);
    router.get("/v1.0/outbox/:name").handler(outbox::page);
    router.delete("/v1.0/outbox/:name").handler(outbox::clear);
    router.get("/v1.0/outbox/:name/newest").handler(outbox::newest);
    router.get("/v1.0/outbox/:name/emails/:id").handler(outbox::email);
    OutboxFiles files = new OutboxFiles(outbox);
    router.get("/v1.0/outbox/:name/emails/:id/attachments/:index").handler(files::attachment);
    router.get("/v1.0/outbox/:name/emails/:id/eml").handler(files::eml);
    router.route().failureHandler(ctx -> ErrorResponses.routeFailed(ctx, limits.maxBodySize()));
    router.errorHandler(404, ctx -> ErrorResponses.routeFailed(ctx, limits.maxBodySize()));
    router.errorHandler(405, ctx -> ErrorResponses.routeFailed(ctx, limits.maxBodySize()));
    return router;
  }

  @Override
  public Future<?> stop() {
    ready = false;
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(limits.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether it serves the dev inbox at {@code /outbox/}: when a component keeps an outbox. */
  public boolean servesDevInbox() {
    return devInbox;
  }

  /** The port the server listens on (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Request body bytes held now, reserved by requests being read or handled. */
  public long bufferedBytes() {
    return budget.reserved();
  }

  /** Binding calls being handled now, by every way in over its pipeline. */
  public int inFlight() {
    return pipeline.capacity().inFlight().taken();
  }

  /** Connections open now. */
  public int openConnections() {
    return connections.openConnections();
  }
}
