package dev.sesbinding.grpc;

import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The resource bounds of the HTTP API, for a gRPC server (contract section 8): messages over the
 * size limit refused from their length prefix, message bytes drawn from the shared byte budget, a
 * message that must arrive within the read timeout, connections that must finish their handshake
 * within it too, and idle connections closed after the idle timeout.
 */
final class CallBounds {
  private CallBounds() {}

  static NettyServerBuilder apply(
      NettyServerBuilder builder, InvocationPipeline pipeline, ScheduledExecutorService timer) {
    ServingLimits limits = pipeline.limits();
    Duration readTimeout = limits.readTimeout();
    return builder
        .maxInboundMessageSize(limits.maxBodySize())
        .addStreamTracerFactory(new BufferedMessages(pipeline.capacity().bytes()))
        .intercept(new MessageGate(readTimeout, timer))
        .handshakeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionIdle(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }
}
