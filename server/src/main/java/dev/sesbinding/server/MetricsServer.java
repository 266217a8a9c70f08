package dev.sesbinding.server;

import dev.sesbinding.serving.metrics.BindingMetrics;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} on a port of its own, as daprd serves it: Prometheus text from {@link
 * BindingMetrics}, in the server and in the pluggable component alike. Bounded as every way in is:
 * at most {@value #MAX_CONNECTIONS} connections at once (one more is closed as soon as it is
 * accepted), one request each (then {@code Connection: close}), whose whole head must arrive within
 * {@value #TIMEOUT_MS} ms, however slowly, and hold at most {@value #MAX_HEAD_BYTES} bytes. Its own
 * two threads, so a scrape (which reads {@code /proc}) never runs on an event loop.
 */
final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  static final String PATH = "/metrics";
  static final int MAX_CONNECTIONS = 16;
  static final int TIMEOUT_MS = 10_000;
  static final int MAX_HEAD_BYTES = 8192;

  private final ServerSocket listener;
  private final BindingMetrics metrics;
  private final ExecutorService threads;
  private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
  private final AtomicBoolean refusalLogged = new AtomicBoolean();

  private MetricsServer(ServerSocket listener, BindingMetrics metrics, ExecutorService threads) {
    this.listener = listener;
    this.metrics = metrics;
    this.threads = threads;
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
    ServerSocket listener = new ServerSocket();
    try {
      listener.bind(new InetSocketAddress(InetAddress.getByName(address), port), 16);
    } catch (IOException e) {
      listener.close();
      throw new IOException(
          "cannot serve metrics on " + address + ":" + port + " (--metrics-port): " + e, e);
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread t = new Thread(task, "ses-binding-metrics");
              t.setDaemon(true);
              return t;
            });
    MetricsServer started = new MetricsServer(listener, metrics, threads);
    Thread acceptor = new Thread(started::acceptLoop, "ses-binding-metrics-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    LOG.info("metrics: http://{}:{}{}", address, started.port(), PATH);
    return started;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException closed) {
        return;
      }
      if (!connections.tryAcquire()) {
        closeQuietly(socket);
        if (refusalLogged.compareAndSet(false, true)) {
          LOG.warn(
              "metrics: more than {} connections at once; the excess is closed", MAX_CONNECTIONS);
        }
        continue;
      }
      try {
        threads.execute(() -> serve(socket));
      } catch (RuntimeException shutDown) {
        connections.release();
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      String head = readHead(socket);
      OutputStream out = socket.getOutputStream();
      if (head == null) {
        answer(out, 431, "text/plain", "request head over " + MAX_HEAD_BYTES + " bytes\n", false);
        return;
      }
      String[] request = head.substring(0, Math.max(0, head.indexOf("\r\n"))).split(" ", -1);
      if (request.length != 3 || !request[2].startsWith("HTTP/1.")) {
        answer(out, 400, "text/plain", "not an HTTP/1.x request\n", false);
      } else if (!request[1].equals(PATH) && !request[1].startsWith(PATH + "?")) {
        answer(out, 404, "text/plain", "only " + PATH + " is served here\n", false);
      } else if (!request[0].equals("GET") && !request[0].equals("HEAD")) {
        answer(out, 405, "text/plain", "use GET or HEAD\n", false);
      } else {
        answer(out, 200, BindingMetrics.CONTENT_TYPE, metrics.scrape(), request[0].equals("HEAD"));
      }
      drain(socket);
    } catch (IOException | RuntimeException e) {
      // the client went away, sent nothing in time, or reset: its connection is closed
    } finally {
      connections.release();
    }
  }

  /**
   * Ends the answer, then reads what the client still sends (a body nobody asked for) for up to 1 s
   * and 64 KiB: closing with unread bytes would reset the connection before the answer is read.
   */
  private static void drain(Socket socket) throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout(1000);
    InputStream in = socket.getInputStream();
    byte[] skipped = new byte[4096];
    for (int total = 0; total < 65536; ) {
      int read = in.read(skipped);
      if (read < 0) {
        return;
      }
      total += read;
    }
  }

  /**
   * The head up to its blank line, or null when it is over the bound. The whole head must arrive
   * within {@value #TIMEOUT_MS} ms, however slowly its bytes come; EOF before it: an error.
   */
  private static String readHead(Socket socket) throws IOException {
    long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
    InputStream in = new BufferedInputStream(socket.getInputStream(), 1024);
    ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    int matched = 0;
    while (matched < 4) {
      if (in.available() == 0) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          throw new SocketTimeoutException("the request's head took over " + TIMEOUT_MS + " ms");
        }
        socket.setSoTimeout((int) left);
      }
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed before the request's head ended");
      }
      if (head.size() == MAX_HEAD_BYTES) {
        return null;
      }
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void answer(
      OutputStream out, int status, String type, String body, boolean headOnly) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason(status)
            + "\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + bytes.length
            + (status == 405 ? "\r\nAllow: GET, HEAD" : "")
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    if (!headOnly) {
      out.write(bytes);
    }
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      default -> "Request Header Fields Too Large";
    };
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // already closed
    }
    threads.shutdownNow();
  }
}
