package dev.sesbinding.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sesbinding.serving.metrics.BindingMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on a port of its own, as daprd serves it: Prometheus text from {@link
 * BindingMetrics}. The JDK's HTTP server on one thread of its own (a scrape reads {@code /proc}, so
 * it never runs on an event loop), in the server and in the pluggable component alike; a request
 * must arrive, and its answer leave, within 10 s.
 */
final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  static final String PATH = "/metrics";

  static {
    // Read once by the JDK's server, at its first use: a client that sends slowly or reads
    // slowly is closed after 10 s instead of holding its connection for ever.
    System.setProperty("sun.net.httpserver.maxReqTime", "10");
    System.setProperty("sun.net.httpserver.maxRspTime", "10");
  }

  private final HttpServer server;
  private final ExecutorService thread;

  private MetricsServer(HttpServer server, ExecutorService thread) {
    this.server = server;
    this.thread = thread;
  }

  /** Serves {@code metrics} where {@code options} say, or returns null when they turn it off. */
  static MetricsServer startIfEnabled(ServerOptions options, BindingMetrics metrics)
      throws IOException {
    return options.metricsEnabled()
        ? start(metrics, options.metricsListenAddress(), options.metricsPort())
        : null;
  }

  /** Serves {@code metrics} on {@code address}:{@code port} (0: a free port). */
  static MetricsServer start(BindingMetrics metrics, String address, int port) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 16);
    } catch (IOException e) {
      throw new IOException(
          "cannot serve metrics on " + address + ":" + port + " (--metrics-port): " + e, e);
    }
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, "ses-binding-metrics");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(thread);
    server.createContext("/", exchange -> answer(exchange, metrics));
    server.start();
    MetricsServer started = new MetricsServer(server, thread);
    LOG.info("metrics: http://{}:{}{}", address, started.port(), PATH);
    return started;
  }

  private static void answer(HttpExchange exchange, BindingMetrics metrics) throws IOException {
    try (exchange) {
      exchange.getRequestBody().close();
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        exchange.sendResponseHeaders(404, -1);
      } else if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
      } else {
        byte[] text = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", BindingMetrics.CONTENT_TYPE);
        if (exchange.getRequestMethod().equals("HEAD")) {
          exchange.sendResponseHeaders(200, -1);
        } else {
          exchange.sendResponseHeaders(200, text.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(text);
          }
        }
      }
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    thread.shutdownNow();
  }
}
