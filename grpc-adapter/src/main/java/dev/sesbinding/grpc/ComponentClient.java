package dev.sesbinding.grpc;

import dev.sesbinding.grpc.components.v1.OutputBindingGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * daprd's side of a pluggable component, for tests, the conformance suite and benchmarks: find the
 * sockets in a folder, ask a socket's reflection v1alpha for its services (as daprd discovers
 * components), and call {@code OutputBinding} for a named instance, with the {@code
 * x-component-instance} metadata daprd sends on every call.
 */
public final class ComponentClient implements AutoCloseable {
  private final EventLoopGroup group;
  private final ManagedChannel channel;

  private ComponentClient(EventLoopGroup group, ManagedChannel channel) {
    this.group = group;
    this.channel = channel;
  }

  /** The socket files in {@code folder}, as daprd lists them, by name. */
  public static List<Path> sockets(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(SocketFiles::isSocket).sorted().toList();
    }
  }

  /** The component type daprd registers for a socket: {@code bindings.} and its name. */
  public static String componentType(Path socket) {
    String file = socket.getFileName().toString();
    int dot = file.lastIndexOf('.');
    return "bindings." + (dot > 0 ? file.substring(0, dot) : file);
  }

  /** Dials {@code socket} (the connection opens with the first call). */
  public static ComponentClient connect(Path socket) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(UnixDomainSocketAddress.of(socket))
            .channelType(NioDomainSocketChannel.class)
            .eventLoopGroup(group)
            .usePlaintext()
            .build();
    return new ComponentClient(group, channel);
  }

  /** The services the component lists through reflection v1alpha, as daprd asks. */
  @SuppressWarnings("deprecation") // v1alpha is what daprd asks
  public CompletionStage<List<String>> services() {
    CompletableFuture<List<String>> listed = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    listed.complete(
                        response.getListServicesResponse().getServiceList().stream()
                            .map(ServiceResponse::getName)
                            .sorted()
                            .toList());
                  }

                  @Override
                  public void onError(Throwable failure) {
                    listed.completeExceptionally(failure);
                  }

                  @Override
                  public void onCompleted() {
                    listed.completeExceptionally(new IllegalStateException("no answer"));
                  }
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    requests.onCompleted();
    return listed;
  }

  /** Blocking calls for component instance {@code instance}. */
  public OutputBindingGrpc.OutputBindingBlockingStub blocking(String instance) {
    return OutputBindingGrpc.newBlockingStub(channel).withInterceptors(instanceHeader(instance));
  }

  /** Asynchronous calls for component instance {@code instance}. */
  public OutputBindingGrpc.OutputBindingFutureStub async(String instance) {
    return OutputBindingGrpc.newFutureStub(channel).withInterceptors(instanceHeader(instance));
  }

  /** The channel, for calls of other services (health, methods it does not serve). */
  public ManagedChannel channel() {
    return channel;
  }

  private static io.grpc.ClientInterceptor instanceHeader(String instance) {
    Metadata headers = new Metadata();
    headers.put(ComponentInstanceInterceptor.HEADER, instance);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
