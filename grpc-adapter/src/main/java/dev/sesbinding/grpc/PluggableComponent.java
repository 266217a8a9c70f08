package dev.sesbinding.grpc;

import dev.sesbinding.core.ServingLimits;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * This binding as a Dapr pluggable component: {@code dapr.proto.components.v1.OutputBinding} on a
 * Unix domain socket, with server reflection v1alpha (what daprd asks to discover it) and v1, and
 * gRPC health. One socket serves every component instance daprd initialises on it. A stale socket
 * file is replaced; the socket is connectable by every user (daprd may run as another); stopping
 * lets calls in flight finish within the grace period, closes every instance and removes the
 * socket.
 */
public final class PluggableComponent {
  /** The longest socket path Linux accepts ({@code sun_path} holds 108 bytes with its NUL). */
  static final int MAX_SOCKET_PATH = 107;

  private final Server server;
  private final Path socket;
  private final HealthStatusManager health;
  private final OutputBindingService bindings;
  private final BindingCalls calls;
  private final ServerThreads threads;
  private final ExecutorService closer;
  private final ScheduledExecutorService deadlines;
  private final ServingLimits limits;

  private PluggableComponent(
      Server server,
      Path socket,
      HealthStatusManager health,
      OutputBindingService bindings,
      BindingCalls calls,
      ServerThreads threads,
      ExecutorService closer,
      ScheduledExecutorService deadlines,
      ServingLimits limits) {
    this.server = server;
    this.socket = socket;
    this.health = health;
    this.bindings = bindings;
    this.calls = calls;
    this.threads = threads;
    this.closer = closer;
    this.deadlines = deadlines;
    this.limits = limits;
  }

  /**
   * Serves {@code instances} on {@code socket}; fails with a message saying why when the platform
   * has no Unix domain sockets, the path is too long or not a socket, or another process serves it.
   */
  @SuppressWarnings("deprecation") // reflection v1alpha: what daprd asks pluggable components
  public static PluggableComponent start(
      Path socket, ComponentInstances instances, ServingLimits limits) throws IOException {
    if (!Epoll.isAvailable()) {
      throw new IOException(
          "cannot serve a pluggable component here: Unix domain sockets need Linux"
              + " (x86_64 or aarch64) with epoll; "
              + Epoll.unavailabilityCause());
    }
    Path path = socket.toAbsolutePath();
    prepare(path);
    ExecutorService closer =
        Executors.newSingleThreadExecutor(
            ServerThreads.daemonThreads("ses-binding-component-close"));
    ServerThreads threads = ServerThreads.unixSocket("ses-binding-socket", limits.connections());
    BindingCalls calls = new BindingCalls(limits.maxInFlight(), limits.requestTimeout());
    OutputBindingService bindings = new OutputBindingService(instances, calls, closer);
    HealthStatusManager health = new HealthStatusManager();
    ScheduledExecutorService deadlines = CallBounds.deadlineTimer("ses-binding-socket-deadlines");
    Server server;
    try {
      server =
          CallBounds.apply(
                  threads.apply(
                      NettyServerBuilder.forAddress(new DomainSocketAddress(path.toString()))),
                  limits,
                  deadlines)
              // Handlers never block (see GrpcApi): they run on the socket's own threads.
              .directExecutor()
              .addService(
                  ServerInterceptors.intercept(bindings, new ComponentInstanceInterceptor()))
              .addService(health.getHealthService())
              .addService(ProtoReflectionServiceV1.newInstance())
              .addService(io.grpc.protobuf.services.ProtoReflectionService.newInstance())
              .fallbackHandlerRegistry(new UnknownMethods(UnknownMethods.COMPONENT))
              .build()
              .start();
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw-rw-"));
    } catch (IOException | RuntimeException e) {
      threads.shutDown();
      closer.shutdown();
      deadlines.shutdownNow();
      throw e;
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus("dapr.proto.components.v1.OutputBinding", ServingStatus.SERVING);
    return new PluggableComponent(
        server, path, health, bindings, calls, threads, closer, deadlines, limits);
  }

  /**
   * Makes the folder; replaces a stale socket file, refuses a live one or a file of another kind.
   */
  private static void prepare(Path path) throws IOException {
    if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      throw new IOException(
          "the socket path "
              + path
              + " is longer than the "
              + MAX_SOCKET_PATH
              + " bytes a Unix domain socket's path may have; choose a shorter folder");
    }
    Files.createDirectories(path.getParent());
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!SocketFiles.isSocket(path)) {
      throw new IOException(
          path + " exists and is not a socket; move it away or choose another name");
    }
    try (SocketChannel live = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.connect(UnixDomainSocketAddress.of(path));
      throw new IOException(
          "another process serves " + path + "; stop it or choose another component name");
    } catch (ConnectException stale) {
      Files.delete(path); // nobody listens: left by a process that did not stop cleanly
    }
  }

  /** The socket it serves on. */
  public Path socket() {
    return socket;
  }

  /**
   * Waits until the component has stopped. Its threads are daemons, as gRPC's are: a program that
   * has nothing else to do keeps running by waiting here.
   */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Invokes being handled now. */
  public int inFlight() {
    return calls.inFlight();
  }

  /** Component instances initialised now. */
  public int instances() {
    return bindings.instances();
  }

  /**
   * Stops accepting, lets calls in flight finish within the grace period, cuts the rest, closes
   * every instance and removes the socket; completes on a thread of its own, never the caller's.
   */
  public CompletionStage<Void> stop() {
    health.enterTerminalState();
    return GracefulStop.of(
        server,
        limits.gracePeriod(),
        "ses-binding-component-stop",
        () -> {
          bindings.closeAll();
          closer.shutdown();
          deadlines.shutdownNow();
          threads.shutDown();
          Files.deleteIfExists(socket);
        });
  }
}
