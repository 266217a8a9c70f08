package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.server.BindingsServer;
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
 * This project's server, started in process on a free 127.0.0.1 port with the component's YAML,
 * called over HTTP. It needs {@code ses-binding-server} on the class path (an optional dependency
 * of the suite).
 */
// close() may wait for a server to stop, and so may be interrupted: callers close on their own
// thread.
@SuppressWarnings("try")
public final class EmbeddedServerBinding extends ServerBinding {
  private final boolean overGrpc;
  private Vertx vertx;
  private BindingsServer server;
  private Path folder;

  private EmbeddedServerBinding(boolean overGrpc) {
    this.overGrpc = overGrpc;
  }

  /** The embedded server, called over its HTTP API. */
  public static EmbeddedServerBinding overHttp() {
    return new EmbeddedServerBinding(false);
  }

  /** The embedded server, called over Dapr's gRPC API. */
  public static EmbeddedServerBinding overGrpc() {
    return new EmbeddedServerBinding(true);
  }

  @Override
  public void init(ConformanceComponent component) throws Exception {
    folder = Files.createTempDirectory("ses-binding-conformance-");
    Files.writeString(folder.resolve(component.name() + ".yaml"), component.yaml());
    vertx = Vertx.vertx();
    server =
        BindingsServer.start(vertx, ServerOptions.forTest(List.of(folder), Map.of()))
            .await(60, TimeUnit.SECONDS);
    if (overGrpc) {
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
    return "the embedded server (over " + (overGrpc ? "gRPC" : "HTTP") + ")";
  }
}
