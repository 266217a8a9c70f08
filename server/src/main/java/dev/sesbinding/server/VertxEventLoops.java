package dev.sesbinding.server;

import dev.sesbinding.grpc.SharedEventLoops;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.transport.Transport;

/**
 * A {@link Vertx}'s event loops and transport, for the gRPC servers to run on beside Vert.x's own
 * servers and SES client: one Netty, one set of event loops, one buffer pool in the process. The
 * {@code Vertx} stays their owner; closing it shuts them down.
 */
final class VertxEventLoops {
  private VertxEventLoops() {}

  static SharedEventLoops of(Vertx vertx) {
    VertxInternal internal = (VertxInternal) vertx;
    Transport transport = internal.transport();
    return SharedEventLoops.of(
        internal.acceptorEventLoopGroup(),
        internal.nettyEventLoopGroup(),
        transport.serverChannelFactory(false),
        // asked only when a socket is served: a transport without domain sockets refuses then
        () -> transport.serverChannelFactory(true).newChannel());
  }
}
