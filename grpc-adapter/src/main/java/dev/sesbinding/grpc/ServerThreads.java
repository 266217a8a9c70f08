package dev.sesbinding.grpc;

import dev.sesbinding.core.internal.DaemonThreads;
import dev.sesbinding.serving.Permits;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler.Sharable;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server's Netty threads and listening channel, whose every accepted connection takes one of
 * the server's connection slots (shared with the other adapters) and gives it back when it closes;
 * a connection that finds none free is closed at once, before gRPC sees it. Whoever makes them
 * shuts them down, after the server has terminated.
 */
final class ServerThreads {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Supplier<ServerChannel> channels;
  private final Permits slots;

  private ServerThreads(
      String name,
      int workerThreads,
      IoHandlerFactory io,
      Supplier<ServerChannel> channels,
      Permits slots) {
    this.boss = new MultiThreadIoEventLoopGroup(1, DaemonThreads.factory(name + "-accept"), io);
    this.workers = new MultiThreadIoEventLoopGroup(workerThreads, DaemonThreads.factory(name), io);
    this.channels = channels;
    this.slots = slots;
  }

  /**
   * For TCP: epoll where Netty's native transport loads, else NIO; as many workers as grpc-java's
   * own default (0: Netty's, twice the processors).
   */
  static ServerThreads tcp(String name, Permits slots) {
    return Epoll.isAvailable()
        ? new ServerThreads(
            name, 0, EpollIoHandler.newFactory(), EpollServerSocketChannel::new, slots)
        : new ServerThreads(name, 0, NioIoHandler.newFactory(), NioServerSocketChannel::new, slots);
  }

  /** For a Unix domain socket, through epoll (Linux): one daprd, a few workers. */
  static ServerThreads unixSocket(String name, Permits slots) {
    return new ServerThreads(
        name,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        EpollIoHandler.newFactory(),
        EpollServerDomainSocketChannel::new,
        slots);
  }

  NettyServerBuilder apply(NettyServerBuilder builder) {
    AcceptedConnections accepted = new AcceptedConnections(slots);
    return builder
        .channelFactory(
            () -> {
              ServerChannel channel = channels.get();
              // ahead of the acceptor that ServerBootstrap adds when it registers the channel
              channel.pipeline().addLast(accepted);
              return channel;
            })
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers);
  }

  /** Stops the threads and waits (a little) for them to end. */
  void shutDown() {
    shutDown(boss);
    shutDown(workers);
  }

  private static void shutDown(EventLoopGroup group) {
    boolean ended =
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (!ended) {
      LoggerFactory.getLogger(ServerThreads.class).warn("gRPC server threads did not end in 5 s");
    }
  }

  /** Each connection the listening channel accepts, as it passes to the acceptor. */
  @Sharable
  private static final class AcceptedConnections extends ChannelInboundHandlerAdapter {
    private final Permits slots;

    AcceptedConnections(Permits slots) {
      this.slots = slots;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (message instanceof Channel connection) {
        if (!slots.tryTake()) {
          connection.unsafe().closeForcibly();
          return;
        }
        var unused = connection.closeFuture().addListener(closed -> slots.giveBack());
      }
      ctx.fireChannelRead(message);
    }
  }
}
