package dev.sesbinding.grpc;

import dev.sesbinding.core.internal.DaemonThreads;
import dev.sesbinding.serving.InstanceRegistry;
import dev.sesbinding.serving.InvocationPipeline;
import dev.sesbinding.serving.Permits;
import io.grpc.ServerInterceptors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * This binding as a Dapr pluggable component: {@code dapr.proto.components.v1.OutputBinding} on a
 * Unix domain socket, with server reflection v1alpha (what daprd asks to discover it) and v1, and
 * gRPC health. One socket serves every component instance daprd initialises on it. A stale socket
 * file is replaced; the socket's mode is the operator's ({@link #DEFAULT_SOCKET_MODE}: the owner
 * and its group may connect, as daprd beside it runs as the same user or group); stopping lets
 * calls in flight finish within the grace period, closes every instance and removes the socket. The
 * instances the factory {@linkplain ComponentInstances#remembered() remembers} are initialised
 * before the socket exists.
 */
public final class PluggableComponent {
  /** The longest socket path Linux accepts ({@code sun_path} holds 108 bytes with its NUL). */
  static final int MAX_SOCKET_PATH = 107;

  /**
   * Who may connect, by default: the owner and its group ({@code 0660}). Whoever can connect can
   * send email as every instance on the socket.
   */
  public static final Set<PosixFilePermission> DEFAULT_SOCKET_MODE =
      PosixFilePermissions.fromString("rw-rw----");

  private static final String NAME = "ses-binding-socket";

  private final GrpcServer server;
  private final Path socket;
  private final OutputBindingService bindings;
  private final InstanceRegistry instances;
  private final ExecutorService closer;

  private PluggableComponent(
      GrpcServer server,
      Path socket,
      OutputBindingService bindings,
      InstanceRegistry instances,
      ExecutorService closer) {
    this.server = server;
    this.socket = socket;
    this.bindings = bindings;
    this.instances = instances;
    this.closer = closer;
  }

  /**
   * Serves the instances {@code factory} makes on {@code socket} (of file mode {@code mode}: who
   * may connect), their calls through a pipeline built by {@code pipeline} over them (its limits,
   * capacity and listeners), on event loops of its own; fails with a message saying why when the
   * platform has no Unix domain sockets, the path is too long or not a socket, or another process
   * serves it.
   */
  public static PluggableComponent start(
      Path socket,
      Set<PosixFilePermission> mode,
      ComponentInstances factory,
      InvocationPipeline.Builder pipeline)
      throws IOException {
    return serve(socket, mode, factory, pipeline, slots -> ServerThreads.own(NAME, true, slots));
  }

  /**
   * As {@link #start(Path, Set, ComponentInstances, InvocationPipeline.Builder)}, on {@code loops}.
   */
  public static PluggableComponent start(
      Path socket,
      Set<PosixFilePermission> mode,
      ComponentInstances factory,
      InvocationPipeline.Builder pipeline,
      SharedEventLoops loops)
      throws IOException {
    Objects.requireNonNull(loops, "loops");
    return serve(
        socket, mode, factory, pipeline, slots -> ServerThreads.shared(loops, true, slots));
  }

  private static PluggableComponent serve(
      Path socket,
      Set<PosixFilePermission> mode,
      ComponentInstances factory,
      InvocationPipeline.Builder pipeline,
      Function<Permits, ServerThreads> threads)
      throws IOException {
    requireUnixDomainSockets();
    Path path = socket.toAbsolutePath();
    prepare(path);
    ExecutorService closer =
        Executors.newSingleThreadExecutor(DaemonThreads.factory("ses-binding-component-close"));
    InstanceRegistry instances = new InstanceRegistry(closer);
    InvocationPipeline calls = pipeline.bindings(instances).build();
    OutputBindingService bindings = new OutputBindingService(factory, instances, calls);
    bindings.restore(factory.remembered());
    GrpcServer server;
    try {
      server =
          GrpcServer.start(
              NAME,
              UnixDomainSocketAddress.of(path),
              threads.apply(calls.capacity().connections()),
              calls,
              ServerInterceptors.intercept(bindings, new ComponentInstanceInterceptor()),
              "dapr.proto.components.v1.OutputBinding",
              UnknownMethods.COMPONENT);
    } catch (IOException | RuntimeException e) {
      closer.shutdown();
      throw e;
    }
    PluggableComponent component =
        new PluggableComponent(server, path, bindings, instances, closer);
    try {
      Files.setPosixFilePermissions(path, mode);
    } catch (IOException | RuntimeException e) {
      component.stop();
      throw e;
    }
    return component;
  }

  private static void requireUnixDomainSockets() throws IOException {
    try {
      ServerSocketChannel.open(StandardProtocolFamily.UNIX).close(); // never bound
    } catch (UnsupportedOperationException e) {
      throw new IOException(
          "cannot serve a pluggable component here: this platform's JDK has no Unix domain sockets",
          e);
    }
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
    Path folder = path.getParent();
    try {
      Files.createDirectories(folder);
    } catch (AccessDeniedException e) {
      throw notWritable(folder, "neither it nor its parent is writable");
    } catch (IOException e) {
      throw new IOException(
          "cannot make the socket folder " + folder + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (!Files.isWritable(folder)) {
      throw notWritable(folder, "the folder is not writable");
    }
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

  private static IOException notWritable(Path folder, String why) {
    return new IOException(
        "cannot create the socket in "
            + folder
            + ": "
            + why
            + " by this process's user (uid "
            + uid()
            + "); mount it writable for that user, or choose another folder");
  }

  private static String uid() {
    try {
      return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
    } catch (IOException | RuntimeException e) {
      return "unknown";
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

  /** Invokes being handled now, by every way in over its pipeline. */
  public int inFlight() {
    return server.inFlight();
  }

  /** Component instances initialised now. */
  public int instances() {
    return instances.size();
  }

  /**
   * Stops accepting, lets calls in flight finish within the grace period, cuts the rest, closes
   * every instance and removes the socket; completes on a thread of its own, never the caller's.
   */
  public CompletionStage<Void> stop() {
    return server.stop(
        () -> {
          bindings.closeAll();
          closer.shutdown();
          if (!closer.awaitTermination(5, TimeUnit.SECONDS)) {
            LoggerFactory.getLogger(PluggableComponent.class)
                .warn("component instances did not close within 5 s");
          }
          Files.deleteIfExists(socket);
        });
  }
}
