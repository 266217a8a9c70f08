package dev.sesbinding.grpc;

import dev.sesbinding.core.BindingRegistry;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dapr's runtime gRPC API over a registry of bindings, with gRPC health and server reflection (v1
 * and v1alpha), on plaintext HTTP/2 as daprd serves apps. Its handlers run on a small fixed pool
 * (they never block: a call only starts its binding's stage), so no stream of calls grows threads.
 * Stopping it lets calls in flight finish within the grace period; the bindings stay open: whoever
 * built the registry closes it.
 */
public final class GrpcApi {
  private final Server server;
  private final ExecutorService handlers;
  private final HealthStatusManager health;
  private final DaprRuntimeService dapr;
  private final GrpcApiOptions options;

  private GrpcApi(
      Server server,
      ExecutorService handlers,
      HealthStatusManager health,
      DaprRuntimeService dapr,
      GrpcApiOptions options) {
    this.server = server;
    this.handlers = handlers;
    this.health = health;
    this.dapr = dapr;
    this.options = options;
  }

  /** Starts serving {@code bindings}; fails when the address cannot be bound. */
  @SuppressWarnings("deprecation") // reflection v1alpha: what daprd asks pluggable components
  public static GrpcApi start(BindingRegistry bindings, GrpcApiOptions options) throws IOException {
    AtomicInteger count = new AtomicInteger();
    ExecutorService handlers =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            task -> {
              Thread thread = new Thread(task, "ses-binding-grpc-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    DaprRuntimeService dapr = new DaprRuntimeService(bindings, options);
    HealthStatusManager health = new HealthStatusManager();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(options.listenAddress(), options.port()))
            .executor(handlers)
            .maxInboundMessageSize(options.maxMessageSize())
            .addService(
                options.apiToken().isEmpty()
                    ? dapr.bindService()
                    : ServerInterceptors.intercept(
                        dapr, new ApiTokenInterceptor(options.apiToken())))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(io.grpc.protobuf.services.ProtoReflectionService.newInstance())
            .fallbackHandlerRegistry(new UnknownMethods());
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException | RuntimeException e) {
      handlers.shutdownNow();
      throw e;
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus("dapr.proto.runtime.v1.Dapr", ServingStatus.SERVING);
    return new GrpcApi(server, handlers, health, dapr, options);
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  /** Binding calls being handled now. */
  public int inFlight() {
    return dapr.inFlight();
  }

  /**
   * Stops accepting, lets calls in flight finish within the grace period, then cuts the rest;
   * completes on a thread of its own, never the caller's.
   */
  public CompletionStage<Void> stop() {
    health.enterTerminalState();
    server.shutdown();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                if (!server.awaitTermination(
                    options.gracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
                  server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                handlers.shutdown();
                stopped.complete(null);
              }
            },
            "ses-binding-grpc-stop");
    waiter.setDaemon(true);
    waiter.start();
    return stopped;
  }
}
