package dev.sesbinding.conformance.binding;

import dev.sesbinding.conformance.BindingUnderTest;
import dev.sesbinding.conformance.ConformanceComponent;
import dev.sesbinding.conformance.Outcome;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A binding served by a server that the test starts with the component's YAML (in process, or the
 * built jar), then reached over HTTP or gRPC exactly as any remote endpoint.
 */
// close() may wait for a server to stop, and so may be interrupted: callers close on their own
// thread.
@SuppressWarnings("try")
public abstract class ServerBinding implements BindingUnderTest {
  private BindingUnderTest http;

  /** Call from {@link #init} once the server's HTTP API listens on {@code port} of 127.0.0.1. */
  protected final void connect(int port, ConformanceComponent component) throws Exception {
    http = new RemoteHttpBinding(URI.create("http://127.0.0.1:" + port), "");
    http.init(component);
  }

  /** Call from {@link #init} once the server's gRPC API listens on {@code port} of 127.0.0.1. */
  protected final void connectGrpc(int port, ConformanceComponent component) throws Exception {
    http = new RemoteGrpcBinding("127.0.0.1", port, "");
    http.init(component);
  }

  @Override
  public final boolean takesAnyDataAsTheBody() {
    return http.takesAnyDataAsTheBody();
  }

  /** Ends the connection to the server; call from {@link #close} before stopping it. */
  protected final void disconnect() throws Exception {
    if (http != null) {
      http.close();
      http = null;
    }
  }

  @Override
  public final void ping() throws Exception {
    http.ping();
  }

  @Override
  public final Set<String> operations() throws Exception {
    return http.operations();
  }

  @Override
  public final Outcome invoke(String operation, String data, Map<String, String> metadata)
      throws Exception {
    return http.invoke(operation, data, metadata);
  }
}
