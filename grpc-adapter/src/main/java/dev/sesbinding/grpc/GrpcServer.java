package dev.sesbinding.grpc;

import dev.sesbinding.core.internal.DaemonThreads;
import dev.sesbinding.serving.InvocationPipeline;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How both gRPC servers (Dapr's API on TCP, the component on a socket) are assembled, served and
 * stopped, in one place: their own Netty threads counting connections, the pipeline's bounds
 * ({@link CallBounds}), handlers on the transport threads, one service with gRPC health and server
 * reflection (v1 and v1alpha, which daprd asks), and unknown methods answered from the table.
 *
 * <p>Handlers run on the transport's own threads, as the HTTP API's run on Vert.x event loops: a
 * call only starts its binding's stage and never blocks, so a hop to another pool would cost CPU
 * and add no thread that could be blocked.
 */
final class GrpcServer {
  private final Server server;
  private final ServerThreads threads;
  private final ScheduledExecutorService deadlines;
  private final HealthStatusManager health;
  private final InvocationPipeline pipeline;
  private final String name;

  private GrpcServer(
      Server server,
      ServerThreads threads,
      ScheduledExecutorService deadlines,
      HealthStatusManager health,
      InvocationPipeline pipeline,
      String name) {
    this.server = server;
    this.threads = threads;
    this.deadlines = deadlines;
    this.health = health;
    this.pipeline = pipeline;
    this.name = name;
  }

  /**
   * Starts serving {@code service} (health name {@code serviceName}) on {@code address} with
   * threads {@code threads}; {@code served} says in an unknown method's answer what it serves.
   * Whatever it made is released when it cannot start.
   */
  @SuppressWarnings("deprecation") // reflection v1alpha: what daprd asks pluggable components
  static GrpcServer start(
      String name,
      SocketAddress address,
      ServerThreads threads,
      InvocationPipeline pipeline,
      ServerServiceDefinition service,
      String serviceName,
      String served)
      throws IOException {
    HealthStatusManager health = new HealthStatusManager();
    ScheduledExecutorService deadlines = DaemonThreads.timer(name + "-deadlines");
    Server server;
    try {
      server =
          CallBounds.apply(
                  threads.apply(NettyServerBuilder.forAddress(address)), pipeline, deadlines)
              .directExecutor()
              .addService(
                  RequestParsing.lenient(ServerInterceptors.intercept(service, new TraceHeaders())))
              .addService(health.getHealthService())
              .addService(ProtoReflectionServiceV1.newInstance())
              .addService(io.grpc.protobuf.services.ProtoReflectionService.newInstance())
              .fallbackHandlerRegistry(new UnknownMethods(served))
              .build()
              .start();
    } catch (IOException | RuntimeException e) {
      deadlines.shutdownNow();
      threads.shutDown();
      throw e;
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(serviceName, ServingStatus.SERVING);
    return new GrpcServer(server, threads, deadlines, health, pipeline, name);
  }

  /** The port it listens on, for TCP. */
  int port() {
    return server.getPort();
  }

  /** Binding calls being handled now, by every way in over its pipeline. */
  int inFlight() {
    return pipeline.capacity().inFlight().taken();
  }

  /** Waits until the server has stopped. */
  void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Stops accepting, lets calls in flight finish within the grace period, cuts the rest, then runs
   * {@code afterwards} and releases its threads; completes on a thread of its own.
   */
  CompletionStage<Void> stop(GracefulStop.Release afterwards) {
    health.enterTerminalState();
    return GracefulStop.of(
        server,
        pipeline.limits().gracePeriod(),
        name + "-stop",
        () -> {
          try {
            afterwards.run();
          } finally {
            deadlines.shutdownNow();
            threads.shutDown();
          }
        });
  }
}
