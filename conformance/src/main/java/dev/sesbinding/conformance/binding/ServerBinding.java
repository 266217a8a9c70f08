package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.conformance.Outcome;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A binding served by a server that the test starts with the component's YAML (in process, or the
 * built jar), then reached over HTTP, gRPC or its component socket exactly as any remote endpoint.
 */
// close() may wait for a server to stop, and so may be interrupted: callers close on their own
// thread.
@SuppressWarnings("try")
public abstract class ServerBinding implements BindingUnderTest {
  private BindingUnderTest remote;

  /** Call from {@link #init} once the server's HTTP API listens on {@code port} of 127.0.0.1. */
  protected final void connect(int port, ConformanceComponent component) throws Exception {
    remote = new RemoteHttpBinding(URI.create("http://127.0.0.1:" + port), "");
    remote.init(component);
  }

  /** Call from {@link #init} once the server serves as a pluggable component on {@code socket}. */
  protected final void connectSocket(Path socket, ConformanceComponent component) throws Exception {
    remote = new RemoteComponentBinding(socket);
    remote.init(component);
  }

  /** Call from {@link #init} once the server's gRPC API listens on {@code port} of 127.0.0.1. */
  protected final void connectGrpc(int port, ConformanceComponent component) throws Exception {
    remote = new RemoteGrpcBinding("127.0.0.1", port, "");
    remote.init(component);
  }

  @Override
  public final boolean takesAnyDataAsTheBody() {
    return remote.takesAnyDataAsTheBody();
  }

  /** Ends the connection to the server; call from {@link #close} before stopping it. */
  protected final void disconnect() throws Exception {
    if (remote != null) {
      remote.close();
      remote = null;
    }
  }

  @Override
  public final void ping() throws Exception {
    remote.ping();
  }

  @Override
  public final Set<String> operations() throws Exception {
    return remote.operations();
  }

  @Override
  public final Outcome invoke(String operation, String data, Map<String, String> metadata)
      throws Exception {
    return remote.invoke(operation, data, metadata);
  }
}
