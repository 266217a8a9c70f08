package dev.sesbinding.grpc;

import dev.sesbinding.core.ServingLimits;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The resource bounds of the HTTP API, for a gRPC server (contract section 8): messages over the
 * size limit refused from their length prefix, message bytes drawn from the shared byte budget, a
 * message that must arrive within the read timeout, connections that must finish their handshake
 * within it too, and idle connections closed after the idle timeout.
 */
final class CallBounds {
  private CallBounds() {}

  /** One daemon thread for every call's read deadline of a server; shut down with it. */
  static ScheduledExecutorService deadlineTimer(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  static NettyServerBuilder apply(
      NettyServerBuilder builder, ServingLimits limits, ScheduledExecutorService timer) {
    Duration readTimeout = limits.readTimeout();
    return builder
        .maxInboundMessageSize(limits.maxBodySize())
        .addStreamTracerFactory(new BufferedMessages(limits.bufferBudget()))
        .intercept(new ReadDeadlineInterceptor(readTimeout, timer))
        .handshakeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionIdle(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }
}
