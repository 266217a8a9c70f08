package dev.sesbinding.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A hand-written SES endpoint for what no emulator does: every request gets a scripted {@link
 * SesReply} (an SES error, a 5xx, a malformed body, a reset connection, no answer at all), and the
 * stub records when each attempt arrived, and the form each carried (the SES Query parameters, for
 * what no emulator keeps: tags, ARNs, the return path). A plain HTTP/1.1 server on raw sockets, so
 * that it can misbehave at the TCP level. Listens on 127.0.0.1, on a free port; one thread per
 * connection.
 */
public final class FaultySes implements AutoCloseable {
  private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

  private final ServerSocket listener;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "faulty-ses");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Queue<SesReply> scripted = new ArrayDeque<>();
  private final List<Long> attemptNanos = new ArrayList<>();
  private final ArrayDeque<String> forms = new ArrayDeque<>();
  private volatile SesReply standing = SesReply.success("stub-message-id");

  private FaultySes(ServerSocket listener) {
    this.listener = listener;
  }

  public static FaultySes start() throws IOException {
    FaultySes stub = new FaultySes(new ServerSocket(0, 512, InetAddress.getLoopbackAddress()));
    stub.executor.execute(stub::acceptLoop);
    return stub;
  }

  /** Every request not otherwise scripted gets {@code reply}. */
  public void always(SesReply reply) {
    this.standing = reply;
  }

  /** The next requests get these replies, in order; then {@link #always} applies again. */
  public synchronized void next(SesReply... replies) {
    scripted.addAll(List.of(replies));
  }

  /** Answer every request with a success after {@code delay} (requests are served concurrently). */
  public void delay(Duration delay) {
    always(standing.after(delay));
  }

  /** Answer every request with a success and a fixed message id. */
  public void succeed() {
    always(SesReply.success("stub-message-id"));
  }

  /** Answer every request with an SES error of this status, code and message. */
  public void failWith(int status, String code, String message) {
    always(SesReply.error(status, code, message));
  }

  public synchronized void resetAttempts() {
    attemptNanos.clear();
    forms.clear();
    scripted.clear();
  }

  public synchronized int attempts() {
    return attemptNanos.size();
  }

  /**
   * The Query parameters of the last {@link #RECORDED_FORMS} requests, oldest first, each decoded
   * (a repeated name keeps its last value); a body over {@link #RECORDED_BODY_BYTES} is cut.
   */
  public synchronized List<Map<String, String>> forms() {
    List<Map<String, String>> decoded = new ArrayList<>();
    for (String form : forms) {
      Map<String, String> parameters = new LinkedHashMap<>();
      for (String pair : form.split("&", -1)) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          parameters.put(
              URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
      decoded.add(parameters);
    }
    return decoded;
  }

  /** Requests whose form {@link #forms} keeps, and the bytes kept of each. */
  public static final int RECORDED_FORMS = 256;

  public static final int RECORDED_BODY_BYTES = 64 * 1024;

  /** The gaps between consecutive attempts, in arrival order. */
  public synchronized List<Duration> gapsBetweenAttempts() {
    List<Duration> gaps = new ArrayList<>();
    for (int i = 1; i < attemptNanos.size(); i++) {
      gaps.add(Duration.ofNanos(attemptNanos.get(i) - attemptNanos.get(i - 1)));
    }
    return gaps;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  private synchronized SesReply arrived(String form) {
    attemptNanos.add(System.nanoTime());
    if (forms.size() == RECORDED_FORMS) {
      forms.removeFirst();
    }
    forms.addLast(form);
    SesReply reply = scripted.poll();
    return reply == null ? standing : reply;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        connections.add(socket);
        executor.execute(() -> serve(socket));
      } catch (IOException | java.util.concurrent.RejectedExecutionException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      for (String form = readRequest(in); form != null; form = readRequest(in)) {
        SesReply reply = arrived(form);
        Thread.sleep(reply.delay().toMillis());
        switch (reply.action()) {
          case ANSWER -> out.write(response(reply, reply.body().length()));
          case RESET_MID_RESPONSE -> {
            byte[] whole = response(reply, reply.body().length());
            out.write(whole, 0, whole.length - reply.body().length() / 2);
            out.flush();
            socket.setSoLinger(true, 0);
            return;
          }
          case NEVER_ANSWER -> {
            while (in.read() >= 0) {
              // hold the connection until the client closes it
            }
            return;
          }
        }
        out.flush();
      }
    } catch (IOException | InterruptedException ended) {
      // the client or close() ended the connection
    } finally {
      connections.remove(socket);
    }
  }

  private static byte[] response(SesReply reply, int contentLength) {
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + reply.status()
            + " Stub\r\nContent-Type: text/xml\r\nContent-Length: "
            + contentLength
            + "\r\nx-amzn-RequestId: stub-request\r\n\r\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
    bytes.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(body);
    return bytes.toByteArray();
  }

  /**
   * Reads one request (headers, then a Content-Length body) and returns its body's first {@link
   * #RECORDED_BODY_BYTES}; null at the end of the connection.
   */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
    int matched = 0;
    while (matched < HEADERS_END.length) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == HEADERS_END[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    long length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n", -1)) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    byte[] kept = in.readNBytes((int) Math.min(length, RECORDED_BODY_BYTES));
    in.skipNBytes(length - kept.length);
    return new String(kept, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // already closed
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    executor.shutdownNow();
  }
}
