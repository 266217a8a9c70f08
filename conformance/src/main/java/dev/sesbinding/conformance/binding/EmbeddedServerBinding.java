package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.server.BindingsServer;
import dev.sesbinding.server.PluggableServer;
import dev.sesbinding.server.ServerOptions;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This project's server, started in process on a free 127.0.0.1 port with the component's YAML and
 * called over HTTP or gRPC, or started as a pluggable component and called on its socket. It needs
 * {@code ses-binding-server} on the class path (an optional dependency of the suite).
 */
// close() may wait for a server to stop, and so may be interrupted: callers close on their own
// thread.
@SuppressWarnings("try")
public final class EmbeddedServerBinding extends ServerBinding {
  /** How the test reaches the server. */
  private enum Api {
    HTTP,
    GRPC,
    COMPONENT_SOCKET
  }

  private final Api api;
  private final Map<String, String> env;
  private Vertx vertx;
  private BindingsServer server;
  private PluggableServer component;
  private Path folder;

  private EmbeddedServerBinding(Api api, Map<String, String> env) {
    this.api = api;
    this.env = env;
  }

  private EmbeddedServerBinding(Api api) {
    this(api, Map.of());
  }

  /**
   * The same way in, its bindings calling SES through the AWS SDK's client ({@code --ses-client
   * sdk}) instead of over the server's own event loops.
   */
  public EmbeddedServerBinding callingSesThroughTheSdk() {
    return new EmbeddedServerBinding(api, Map.of("SES_BINDING_SES_CLIENT", "sdk"));
  }

  /** The embedded server, called over its HTTP API. */
  public static EmbeddedServerBinding overHttp() {
    return new EmbeddedServerBinding(Api.HTTP);
  }

  /** The embedded server, called over Dapr's gRPC API. */
  public static EmbeddedServerBinding overGrpc() {
    return new EmbeddedServerBinding(Api.GRPC);
  }

  /**
   * The server as a pluggable component ({@code --pluggable}) on a socket in a temporary folder,
   * initialised and called as daprd does.
   */
  public static EmbeddedServerBinding asPluggableComponent() {
    return new EmbeddedServerBinding(Api.COMPONENT_SOCKET);
  }

  @Override
  public void init(ConformanceComponent component) throws Exception {
    folder = Files.createTempDirectory("ses-binding-conformance-");
    if (api == Api.COMPONENT_SOCKET) {
      this.component =
          PluggableServer.start(ServerOptions.embeddedComponent(folder, "ses-binding", env));
      connectSocket(this.component.component().socket(), component);
      return;
    }
    Files.writeString(folder.resolve(component.name() + ".yaml"), component.yaml());
    vertx = Vertx.vertx();
    server =
        BindingsServer.start(vertx, ServerOptions.embedded(List.of(folder), env))
            .await(60, TimeUnit.SECONDS);
    if (api == Api.GRPC) {
      connectGrpc(server.grpcPort(), component);
    } else {
      connect(server.port(), component);
    }
  }

  @Override
  public void close() throws Exception {
    disconnect();
    if (server != null) {
      server.stop().await(60, TimeUnit.SECONDS);
      server = null;
    }
    if (component != null) {
      component.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      component = null;
    }
    if (vertx != null) {
      vertx.close().await(60, TimeUnit.SECONDS);
      vertx = null;
    }
    if (folder != null) {
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
      folder = null;
    }
  }

  @Override
  public String toString() {
    return switch (api) {
      case HTTP -> "the embedded server (over HTTP)";
      case GRPC -> "the embedded server (over gRPC)";
      case COMPONENT_SOCKET -> "the embedded server (as a pluggable component)";
    };
  }
}
