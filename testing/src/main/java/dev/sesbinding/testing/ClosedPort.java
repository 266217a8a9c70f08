package dev.sesbinding.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * A 127.0.0.1 port where nothing listens, held for as long as this is open: a TCP socket bound to
 * it, never connected, so the port cannot be handed to another server while a test relies on
 * connections to it being refused.
 */
public final class ClosedPort implements AutoCloseable {
  private final Socket holder;

  private ClosedPort(Socket holder) {
    this.holder = holder;
  }

  public static ClosedPort reserve() throws IOException {
    Socket holder = new Socket();
    holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new ClosedPort(holder);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + holder.getLocalPort());
  }

  @Override
  public void close() throws IOException {
    holder.close();
  }
}
