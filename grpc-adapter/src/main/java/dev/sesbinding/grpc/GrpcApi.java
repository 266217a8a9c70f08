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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Dapr's runtime gRPC API over a registry of bindings, with gRPC health and server reflection (v1
 * and v1alpha), on plaintext HTTP/2 as daprd serves apps. Its handlers run on the transport's own
 * threads, as the HTTP API's run on Vert.x event loops: a call only starts its binding's stage and
 * never blocks, so a hop to another pool would cost CPU and add no thread that could be blocked.
 * Stopping it lets calls in flight finish within the grace period; the bindings stay open: whoever
 * built the registry closes it.
 */
public final class GrpcApi {
  private final Server server;
  private final ServerThreads threads;
  private final ScheduledExecutorService deadlines;
  private final HealthStatusManager health;
  private final DaprRuntimeService dapr;
  private final GrpcApiOptions options;

  private GrpcApi(
      Server server,
      ServerThreads threads,
      ScheduledExecutorService deadlines,
      HealthStatusManager health,
      DaprRuntimeService dapr,
      GrpcApiOptions options) {
    this.server = server;
    this.threads = threads;
    this.deadlines = deadlines;
    this.health = health;
    this.dapr = dapr;
    this.options = options;
  }

  /** Starts serving {@code bindings}; fails when the address cannot be bound. */
  @SuppressWarnings("deprecation") // reflection v1alpha: what daprd asks pluggable components
  public static GrpcApi start(BindingRegistry bindings, GrpcApiOptions options) throws IOException {
    DaprRuntimeService dapr = new DaprRuntimeService(bindings, options);
    HealthStatusManager health = new HealthStatusManager();
    ScheduledExecutorService deadlines = CallBounds.deadlineTimer("ses-binding-grpc-deadlines");
    ServerThreads threads = ServerThreads.tcp("ses-binding-grpc", options.limits().connections());
    NettyServerBuilder builder =
        CallBounds.apply(
                threads.apply(
                    NettyServerBuilder.forAddress(
                        new InetSocketAddress(options.listenAddress(), options.port()))),
                options.limits(),
                deadlines)
            .directExecutor()
            .addService(
                options.apiToken().isEmpty()
                    ? dapr.bindService()
                    : ServerInterceptors.intercept(
                        dapr, new ApiTokenInterceptor(options.apiToken())))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(io.grpc.protobuf.services.ProtoReflectionService.newInstance())
            .fallbackHandlerRegistry(new UnknownMethods(UnknownMethods.RUNTIME));
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException | RuntimeException e) {
      deadlines.shutdownNow();
      threads.shutDown();
      throw e;
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus("dapr.proto.runtime.v1.Dapr", ServingStatus.SERVING);
    return new GrpcApi(server, threads, deadlines, health, dapr, options);
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
    return GracefulStop.of(
        server,
        options.limits().gracePeriod(),
        "ses-binding-grpc-stop",
        () -> {
          deadlines.shutdownNow();
          threads.shutDown();
        });
  }
}
