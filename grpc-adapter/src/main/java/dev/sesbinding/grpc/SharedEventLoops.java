package dev.sesbinding.grpc;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.util.Objects;

/**
 * Netty event loops that a gRPC server runs on beside their owner (a Vert.x instance's, say), with
 * the listening channels that fit them, so that one process has one set of event loops and one
 * buffer pool. The owner shuts the loops down, after the servers on them have stopped; a server
 * never does.
 */
public final class SharedEventLoops {
  private final EventLoopGroup acceptor;
  private final EventLoopGroup workers;
  private final ChannelFactory<? extends ServerChannel> tcp;
  private final ChannelFactory<? extends ServerChannel> unixSocket;

  private SharedEventLoops(
      EventLoopGroup acceptor,
      EventLoopGroup workers,
      ChannelFactory<? extends ServerChannel> tcp,
      ChannelFactory<? extends ServerChannel> unixSocket) {
    this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.tcp = Objects.requireNonNull(tcp, "tcp");
    this.unixSocket = Objects.requireNonNull(unixSocket, "unixSocket");
  }

  /**
   * Loops {@code acceptor} (accepting connections) and {@code workers} (serving them), and the
   * listening channels of their transport for TCP and for a Unix domain socket.
   */
  public static SharedEventLoops of(
      EventLoopGroup acceptor,
      EventLoopGroup workers,
      ChannelFactory<? extends ServerChannel> tcp,
      ChannelFactory<? extends ServerChannel> unixSocket) {
    return new SharedEventLoops(acceptor, workers, tcp, unixSocket);
  }

  EventLoopGroup acceptor() {
    return acceptor;
  }

  EventLoopGroup workers() {
    return workers;
  }

  ChannelFactory<? extends ServerChannel> listener(boolean onUnixSocket) {
    return onUnixSocket ? unixSocket : tcp;
  }

  @Override
  public String toString() {
    return "SharedEventLoops[" + workers + "]";
  }
}
