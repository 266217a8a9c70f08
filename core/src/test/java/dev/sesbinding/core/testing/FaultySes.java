package dev.sesbinding.core.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written SES endpoint for what no emulator does: it answers every request with one fixed status and body
 * (an SES error, a 5xx) and counts the attempts it saw. Listens on 127.0.0.1, on a free port.
 */
public final class FaultySes implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger attempts = new AtomicInteger();
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private volatile Duration delay = Duration.ZERO;
  private volatile int status = 200;
  private volatile String body = success("stub-message-id");

  private FaultySes(HttpServer server) {
    this.server = server;
  }

  public static FaultySes start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FaultySes stub = new FaultySes(server);
    server.setExecutor(stub.executor);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      stub.attempts.incrementAndGet();
      stub.pause();
      byte[] bytes = stub.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.sendResponseHeaders(stub.status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return stub;
  }

  /** Answer every request after {@code delay} (requests are served concurrently). */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  private void pause() {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answer every request with a success and a fresh message id. */
  public void succeed() {
    this.status = 200;
    this.body = success("stub-message-id");
  }

  /** Answer every request with an SES error of this status, code and message. */
  public void failWith(int status, String code, String message) {
    this.body = "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><Error><Type>Sender</Type><Code>"
        + code + "</Code><Message>" + message + "</Message></Error><RequestId>stub-request</RequestId></ErrorResponse>";
    this.status = status;
  }

  public static String success(String messageId) {
    return "<SendEmailResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><SendEmailResult><MessageId>"
        + messageId + "</MessageId></SendEmailResult><ResponseMetadata><RequestId>stub-request</RequestId>"
        + "</ResponseMetadata></SendEmailResponse>";
  }

  public void resetAttempts() {
    attempts.set(0);
  }

  public int attempts() {
    return attempts.get();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
