package dev.sesbinding.grpc;

import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.ServingLimits;
import io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The resource bounds of the HTTP API, for a gRPC server (contract section 8), and HTTP/2's own:
 * messages over the size limit refused from their length prefix; every stream and its message bytes
 * drawn from the shared byte budget; a message that must arrive within the read timeout;
 * connections that must finish their handshake within it too, and idle connections closed after the
 * idle timeout; at most {@value #MAX_STREAMS_PER_CONNECTION} streams open on one connection
 * (advertised and enforced: one more is refused), headers of at most {@value #MAX_HEADER_BYTES}
 * bytes, and a connection that resets more than {@value #MAX_RESETS} streams in {@value
 * #RESET_WINDOW_SECONDS} s closed (rapid reset). Pings more often than grpc-java permits (every 5
 * minutes without calls) close the connection too, as grpc-java does by default.
 */
final class CallBounds {
  /**
   * Streams one connection may hold open at once. Dapr's SDKs send every call on one connection; a
   * client with more calls in flight queues them itself, as HTTP/2 says.
   */
  static final int MAX_STREAMS_PER_CONNECTION = 128;

  /** A call's headers, as the HTTP API's (431 there). */
  static final int MAX_HEADER_BYTES = 8 << 10;

  /** Resets one connection may send per window (grpc-java's rapid-reset defence). */
  static final int MAX_RESETS = 1000;

  static final int RESET_WINDOW_SECONDS = 10;

  private CallBounds() {}

  static NettyServerBuilder apply(
      NettyServerBuilder builder, InvocationPipeline pipeline, ScheduledExecutorService timer) {
    ServingLimits limits = pipeline.limits();
    Duration readTimeout = limits.readTimeout();
    return builder
        .maxInboundMessageSize(limits.maxBodySize())
        .addStreamTracerFactory(new BufferedMessages(pipeline.capacity().bytes()))
        .intercept(new MessageGate(readTimeout, timer))
        .maxConcurrentCallsPerConnection(MAX_STREAMS_PER_CONNECTION)
        .maxInboundMetadataSize(MAX_HEADER_BYTES)
        .maxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
        .handshakeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionIdle(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }
}
