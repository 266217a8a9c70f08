package dev.sesbinding.server;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.core.email.Outbox;
import dev.sesbinding.grpc.GrpcApi;
import dev.sesbinding.http.BindingsVerticle;
import dev.sesbinding.server.components.ComponentLoader;
import dev.sesbinding.server.components.SecretStores;
import dev.sesbinding.serving.BindingSource;
import dev.sesbinding.serving.IdempotentBinding;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.metrics.BindingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server on a {@link Vertx} the caller owns: loads the components, initialises the bindings
 * into a registry and deploys the adapters over it. {@link #stop()} undeploys the adapters
 * (requests in flight finish within the grace period), then closes the registry; the {@code Vertx}
 * stays open for its owner.
 */
public final class BindingsServer {
  private static final Logger LOG = LoggerFactory.getLogger(BindingsServer.class);

  private final Vertx vertx;
  private final BindingRegistry registry;
  private final InvocationPipeline pipeline;
  private final BindingsVerticle http;
  private final String httpDeployment;
  private final GrpcApi grpc;
  private final MetricsServer metrics;
  private final Observability observed;
  private final VertxSesHttpClient sesHttp;
  private Future<Void> stopped;

  private BindingsServer(
      Vertx vertx,
      BindingRegistry registry,
      InvocationPipeline pipeline,
      BindingsVerticle http,
      String httpDeployment,
      GrpcApi grpc,
      MetricsServer metrics,
      Observability observed,
      VertxSesHttpClient sesHttp) {
    this.vertx = vertx;
    this.registry = registry;
    this.pipeline = pipeline;
    this.http = http;
    this.httpDeployment = httpDeployment;
    this.grpc = grpc;
    this.metrics = metrics;
    this.observed = observed;
    this.sesHttp = sesHttp;
  }

  /**
   * Loads the components of {@code options}, initialises the bindings it serves, and serves them on
   * {@code vertx}.
   */
  public static Future<BindingsServer> start(Vertx vertx, ServerOptions options) {
    if (options.sesClient() == SesClientKind.VERTX) {
      VertxSesHttpClient sesHttp = new VertxSesHttpClient(vertx);
      return start(vertx, options, BindingTypes.served(sesHttp), sesHttp)
          .onFailure(failure -> sesHttp.close());
    }
    return start(vertx, options, BindingTypes.SERVED, null);
  }

  static Future<BindingsServer> start(
      Vertx vertx, ServerOptions options, Map<String, BindingFactory> types) {
    return start(vertx, options, types, null);
  }

  /**
   * Serves {@code types}; {@code sesHttp} (may be null), which their bindings call SES over, is
   * closed by {@link #stop()} after them (on a failed start, by the caller).
   */
  private static Future<BindingsServer> start(
      Vertx vertx,
      ServerOptions options,
      Map<String, BindingFactory> types,
      VertxSesHttpClient sesHttp) {
    if (options.apiToken().isEmpty() && !isLoopback(options.listenAddress())) {
      LOG.warn(
          "listening on {}, which is not a loopback address, without DAPR_API_TOKEN: anyone who"
              + " reaches this port can send email as this server; set DAPR_API_TOKEN",
          options.listenAddress());
    }
    Observability observed = options.observability();
    BindingMetrics metrics = observed.metrics();
    return ComponentLoader.load(vertx, options.resourcesPaths())
        .compose(
            definitions ->
                SecretStores.load(vertx, definitions, options.env())
                    .compose(
                        secrets ->
                            ComponentBindings.init(
                                vertx,
                                definitions,
                                secrets,
                                types,
                                options.requestTimeout(),
                                observed)))
        .compose(
            registry -> {
              if (registry.size() == 0) {
                LOG.warn(
                    "no component in {} has a type this server serves ({}): every binding request"
                        + " will be answered 404",
                    options.resourcesPaths(),
                    String.join(", ", types.keySet()));
              }
              ResourceLimits limits;
              try {
                limits =
                    ResourceLimits.settle(
                        options,
                        outboxBytes(registry),
                        Runtime.getRuntime().maxMemory(),
                        ResourceLimits.maxFileDescriptors());
              } catch (RuntimeException e) {
                return closeRegistry(vertx, registry).transform(closed -> Future.failedFuture(e));
              }
              LOG.info("memory budget: {}", limits.description());
              // one pipeline, and so one count of calls, bytes and connections, for both APIs
              InvocationPipeline pipeline =
                  InvocationPipeline.builder()
                      .bindings(BindingSource.of(registry))
                      .limits(options.limits(limits))
                      .listener(observed.listener())
                      .tracer(observed.tracer())
                      .build();
              metrics.watch(pipeline.capacity());
              BindingsVerticle http = new BindingsVerticle(registry, pipeline, options.httpApi());
              return vertx
                  .deployVerticle(http)
                  .recover(
                      failure ->
                          closeRegistry(vertx, registry)
                              .transform(closed -> Future.failedFuture(failure)))
                  .compose(
                      deployment ->
                          vertx
                              .executeBlocking(
                                  () ->
                                      GrpcApi.start(
                                          registry,
                                          pipeline,
                                          options.grpcApi(),
                                          VertxEventLoops.of(vertx)),
                                  false)
                              .compose(
                                  grpc ->
                                      vertx
                                          .executeBlocking(
                                              () -> MetricsServer.startIfEnabled(options, metrics),
                                              false)
                                          .recover(
                                              failure ->
                                                  Future.fromCompletionStage(grpc.stop())
                                                      .transform(
                                                          stopped -> Future.failedFuture(failure)))
                                          .map(served -> new Started(grpc, served)))
                              .recover(
                                  failure ->
                                      vertx
                                          .undeploy(deployment)
                                          .eventually(() -> closeRegistry(vertx, registry))
                                          .transform(closed -> Future.failedFuture(failure)))
                              .map(
                                  started -> {
                                    GrpcApi grpc = started.grpc();
                                    LOG.info(
                                        "ses-binding ready on http://{}:{} and grpc://{}:{} (app id"
                                            + " {}; components: {})",
                                        options.listenAddress(),
                                        http.actualPort(),
                                        options.listenAddress(),
                                        grpc.port(),
                                        options.appId(),
                                        registry.components().stream()
                                            .map(c -> c.label())
                                            .collect(Collectors.joining(", ")));
                                    if (http.servesDevInbox()) {
                                      LOG.info(
                                          "dev inbox: http://{}:{}/outbox/ (what the outboxes"
                                              + " kept, in a browser)",
                                          options.listenAddress(),
                                          http.actualPort());
                                    }
                                    return new BindingsServer(
                                        vertx,
                                        registry,
                                        pipeline,
                                        http,
                                        deployment,
                                        grpc,
                                        started.metrics(),
                                        observed,
                                        sesHttp);
                                  }));
            });
  }

  /** The gRPC API and the metrics server (null when off), once both are serving. */
  private record Started(GrpcApi grpc, MetricsServer metrics) {}

  /** Where it listens and what it serves; never a metadata value. */
  @Override
  public String toString() {
    return "BindingsServer[port="
        + http.actualPort()
        + ", components="
        + registry.components().stream().map(c -> c.label()).collect(Collectors.joining(", "))
        + "]";
  }

  /**
   * Every outbox's byte bound and every component's idempotency keys at theirs, together: what the
   * components may hold of the heap.
   */
  private static long outboxBytes(BindingRegistry registry) {
    long bytes = 0;
    for (ComponentInfo component : registry.components()) {
      bytes +=
          registry
              .get(component.name())
              .flatMap(binding -> binding.capability(Outbox.class))
              .map(Outbox::maxBytes)
              .orElse(0L);
      bytes +=
          registry
              .get(component.name())
              .map(RegisteredBinding::binding)
              .filter(IdempotentBinding.class::isInstance)
              .map(binding -> ((IdempotentBinding) binding).maxHeldBytes())
              .orElse(0L);
    }
    return bytes;
  }

  /** Literal loopback addresses and {@code localhost}; a name is not looked up. */
  private static boolean isLoopback(String address) {
    String host = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1");
  }

  /** The port of {@code GET /metrics}, when metrics are on. */
  public java.util.OptionalInt metricsPort() {
    return metrics == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(metrics.port());
  }

  /** The port of Dapr's gRPC API. */
  public int grpcPort() {
    return grpc.port();
  }

  public int port() {
    return http.actualPort();
  }

  /** Binding requests being handled now, over HTTP and gRPC. */
  public int inFlight() {
    return pipeline.capacity().inFlight().taken();
  }

  /** Bytes held now of the budget both APIs share (--max-buffered-bytes). */
  public long bufferedBytes() {
    return pipeline.capacity().bytes().held();
  }

  /**
   * Stops accepting, lets requests in flight finish within the grace period, then closes every
   * binding; leaves the {@code Vertx} open. Calling it again returns the same future.
   */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      LOG.info("ses-binding stopping: finishing requests in flight");
      Future<Void> adapters =
          Future.all(vertx.undeploy(httpDeployment), Future.fromCompletionStage(grpc.stop()))
              .mapEmpty();
      stopped =
          adapters
              .eventually(() -> closeRegistry(vertx, registry))
              .eventually(
                  () ->
                      vertx.executeBlocking(
                          () -> {
                            if (sesHttp != null) {
                              sesHttp.close(); // after the bindings that called SES over it
                            }
                            if (metrics != null) {
                              metrics.close();
                            }
                            observed.close();
                            return null;
                          },
                          false));
    }
    return stopped;
  }

  /** Closing a binding may block (SDK clients), so it never runs on an event loop. */
  private static Future<Void> closeRegistry(Vertx vertx, BindingRegistry registry) {
    return vertx.executeBlocking(
        () -> {
          registry.close();
          return null;
        },
        false);
  }
}
