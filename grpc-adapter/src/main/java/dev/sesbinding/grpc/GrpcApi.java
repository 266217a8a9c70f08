package dev.sesbinding.grpc;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.InvocationPipeline;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Dapr's runtime gRPC API over a registry of bindings, with gRPC health and server reflection, on
 * plaintext HTTP/2 as daprd serves apps; its calls go through an {@link InvocationPipeline}, whose
 * limits and capacity it enforces. Stopping it lets calls in flight finish within the grace period;
 * the bindings stay open: whoever built the registry closes it.
 */
public final class GrpcApi {
  private static final String NAME = "ses-binding-grpc";

  private final GrpcServer server;

  private GrpcApi(GrpcServer server) {
    this.server = server;
  }

  /**
   * Starts serving {@code bindings} on event loops of its own; fails when the address cannot be
   * bound.
   */
  public static GrpcApi start(
      BindingRegistry bindings, InvocationPipeline pipeline, ApiOptions options)
      throws IOException {
    return start(
        bindings,
        pipeline,
        options,
        ServerThreads.own(NAME, false, pipeline.capacity().connections()));
  }

  /** As {@link #start(BindingRegistry, InvocationPipeline, ApiOptions)}, on {@code loops}. */
  public static GrpcApi start(
      BindingRegistry bindings,
      InvocationPipeline pipeline,
      ApiOptions options,
      SharedEventLoops loops)
      throws IOException {
    Objects.requireNonNull(loops, "loops");
    return start(
        bindings,
        pipeline,
        options,
        ServerThreads.shared(loops, false, pipeline.capacity().connections()));
  }

  private static GrpcApi start(
      BindingRegistry bindings,
      InvocationPipeline pipeline,
      ApiOptions options,
      ServerThreads threads)
      throws IOException {
    DaprRuntimeService dapr = new DaprRuntimeService(bindings, pipeline, options);
    ServerServiceDefinition service =
        options.apiToken().isEmpty()
            ? dapr.bindService()
            : ServerInterceptors.intercept(dapr, new ApiTokenInterceptor(options.apiToken()));
    return new GrpcApi(
        GrpcServer.start(
            NAME,
            new InetSocketAddress(options.listenAddress(), options.port()),
            threads,
            pipeline,
            service,
            "dapr.proto.runtime.v1.Dapr",
            UnknownMethods.RUNTIME));
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return server.port();
  }

  /** Binding calls being handled now, by every way in over its pipeline. */
  public int inFlight() {
    return server.inFlight();
  }

  /**
   * Stops accepting, lets calls in flight finish within the grace period, then cuts the rest;
   * completes on a thread of its own, never the caller's.
   */
  public CompletionStage<Void> stop() {
    return server.stop(() -> {});
  }
}
