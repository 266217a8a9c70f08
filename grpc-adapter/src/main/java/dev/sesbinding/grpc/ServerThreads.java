package dev.sesbinding.grpc;

import dev.sesbinding.core.internal.DaemonThreads;
import dev.sesbinding.serving.Permits;
import io.grpc.netty.NettyServerBuilder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server's Netty event loops and listening channel, whose every accepted connection takes
 * one of the server's connection slots (shared with the other adapters) and gives it back when it
 * closes; a connection that finds none free is closed at once, before gRPC sees it. Connections
 * draw their buffers from Netty's default pool, the one Vert.x uses. The loops are either the
 * server's own, which it shuts down after it has terminated, or {@linkplain SharedEventLoops
 * shared} with their owner, who does.
 */
final class ServerThreads {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelFactory<? extends ServerChannel> channels;
  private final Permits slots;
  private final boolean owned;

  private ServerThreads(
      EventLoopGroup boss,
      EventLoopGroup workers,
      ChannelFactory<? extends ServerChannel> channels,
      Permits slots,
      boolean owned) {
    this.boss = boss;
    this.workers = workers;
    this.channels = channels;
    this.slots = slots;
    this.owned = owned;
  }

  /**
   * Loops of its own, through the JDK's NIO (Unix domain sockets included): for TCP as many workers
   * as grpc-java's own default (0: Netty's, twice the processors); for a socket, which one daprd
   * uses, a few.
   */
  static ServerThreads own(String name, boolean onUnixSocket, Permits slots) {
    int workers = onUnixSocket ? Math.max(2, Runtime.getRuntime().availableProcessors()) : 0;
    return new ServerThreads(
        new MultiThreadIoEventLoopGroup(
            1, DaemonThreads.factory(name + "-accept"), NioIoHandler.newFactory()),
        new MultiThreadIoEventLoopGroup(
            workers, DaemonThreads.factory(name), NioIoHandler.newFactory()),
        onUnixSocket ? NioServerDomainSocketChannel::new : NioServerSocketChannel::new,
        slots,
        true);
  }

  /** The loops {@code loops} shares, which their owner shuts down. */
  static ServerThreads shared(SharedEventLoops loops, boolean onUnixSocket, Permits slots) {
    return new ServerThreads(
        loops.acceptor(), loops.workers(), loops.listener(onUnixSocket), slots, false);
  }

  NettyServerBuilder apply(NettyServerBuilder builder) {
    AcceptedConnections accepted = new AcceptedConnections(slots);
    return builder
        .channelFactory(
            () -> {
              ServerChannel channel = channels.newChannel();
              // ahead of the acceptor that ServerBootstrap adds when it registers the channel
              channel.pipeline().addLast(accepted);
              return channel;
            })
        .bossEventLoopGroup(boss)
        .workerEventLoopGroup(workers)
        .withOption(ChannelOption.ALLOCATOR, ByteBufAllocator.DEFAULT)
        .withChildOption(ChannelOption.ALLOCATOR, ByteBufAllocator.DEFAULT);
  }

  /** Stops its own loops and waits (a little) for them to end; leaves shared ones running. */
  void shutDown() {
    if (owned) {
      shutDown(boss);
      shutDown(workers);
    }
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
