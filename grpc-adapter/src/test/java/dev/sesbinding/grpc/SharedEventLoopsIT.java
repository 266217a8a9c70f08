package dev.sesbinding.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.BindingRegistry;
import dev.sesbinding.core.ComponentInfo;
import dev.sesbinding.core.OutputBinding;
import dev.sesbinding.core.RegisteredBinding;
import dev.sesbinding.grpc.runtime.v1.DaprGrpc;
import dev.sesbinding.serving.ApiOptions;
import dev.sesbinding.serving.BindingSource;
import dev.sesbinding.serving.InvocationPipeline;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Dapr's gRPC API on event loops it shares: calls are handled on them, and stopping the API leaves
 * them running for their owner, who may serve again on them.
 */
class SharedEventLoopsIT {
  private final EventLoopGroup acceptor =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final SharedEventLoops loops =
      SharedEventLoops.of(
          acceptor, workers, NioServerSocketChannel::new, NioServerDomainSocketChannel::new);
  private final AtomicReference<Thread> handledOn = new AtomicReference<>();

  @AfterEach
  void shutDownTheLoops() {
    acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }

  private GrpcApi start() throws Exception {
    OutputBinding mail =
        TestBindings.creating(
            request -> {
              handledOn.set(Thread.currentThread());
              return TestBindings.sentAs("m-1");
            });
    BindingRegistry registry =
        BindingRegistry.of(
            List.of(
                RegisteredBinding.of(new ComponentInfo("mail", "bindings.aws.ses", "v1"), mail)),
            List.of());
    return GrpcApi.start(
        registry,
        InvocationPipeline.builder().bindings(BindingSource.of(registry)).build(),
        ApiOptions.builder().port(0).build(),
        loops);
  }

  private static String send(GrpcApi api) throws InterruptedException {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", api.port()).usePlaintext().build();
    try {
      return DaprGrpc.newBlockingStub(channel)
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .invokeBinding(
              TestBindings.invoke("mail", "\"<b>Hi</b>\"".getBytes(StandardCharsets.UTF_8)))
          .getData()
          .toStringUtf8();
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private boolean isOneOfTheWorkers(Thread thread) {
    return StreamSupport.stream(workers.spliterator(), false)
        .anyMatch((EventExecutor loop) -> loop.inEventLoop(thread));
  }

  @Test
  void callsAreHandledOnTheSharedLoops() throws Exception {
    GrpcApi api = start();
    try {
      assertThat(send(api)).isEqualTo("{\"messageId\":\"m-1\"}");
      assertThat(handledOn.get()).matches(this::isOneOfTheWorkers, "is one of the shared workers");
    } finally {
      api.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void stoppingLeavesTheLoopsToTheirOwnerWhoMayServeAgain() throws Exception {
    start().stop().toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertThat(acceptor.isShuttingDown()).as("the acceptor").isFalse();
    assertThat(workers.isShuttingDown()).as("the workers").isFalse();
    GrpcApi again = start();
    try {
      assertThat(send(again)).isEqualTo("{\"messageId\":\"m-1\"}");
    } finally {
      again.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
