package dev.sesbinding.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -cp benchmarks.jar dev.sesbinding.benchmarks.Soak <port> <minutes>}: mixed traffic
 * against a running server for that long, on 127.0.0.1 only, then one line per kind of request and
 * status: valid sends to an outbox and to SES (8 closed loops), bodies over the size limit,
 * malformed JSON, bodies that stall (up to 64 open at once) and headers that trickle (up to 16).
 * Valid requests answered anything but 200 are counted as errors.
 */
public final class Soak {
  private static final String VALID =
      "{\"operation\":\"create\",\"data\":\"<p>Your order has shipped</p>\",\"metadata\":"
          + "{\"emailTo\":\"ana@example.com;ben@example.com\",\"subject\":\"Shipped\"}}";
  private static final String MALFORMED = "{\"operation\":\"create\",\"data\":";
  private static final byte[] OVERSIZED = new byte[5 << 20];

  private final URI base;
  private final int port;
  private final long deadline;

  /** The well-behaved app: valid sends and the outbox clearing. */
  private final HttpClient client = newClient();

  /**
   * The misbehaving one, with its own connections, as another process would have: the server closes
   * a connection after each oversized body's 413, and that must not be the valid sends' loss.
   */
  private final HttpClient abuser = newClient();

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  private Soak(int port, Duration length) {
    this.port = port;
    this.base = URI.create("http://127.0.0.1:" + port);
    this.deadline = System.nanoTime() + length.toNanos();
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  public static void main(String[] args) throws Exception {
    Soak soak = new Soak(Integer.parseInt(args[0]), Duration.ofMinutes(Long.parseLong(args[1])));
    soak.run();
  }

  private boolean running() {
    return System.nanoTime() < deadline;
  }

  private void count(String what) {
    counts.computeIfAbsent(what, key -> new AtomicLong()).incrementAndGet();
  }

  private void run() throws InterruptedException {
    ExecutorService loops = Executors.newFixedThreadPool(14);
    for (int i = 0; i < 8; i++) {
      String binding = i % 2 == 0 ? "outbox" : "ses";
      loops.execute(
          () ->
              repeat(
                  "valid " + binding,
                  kind -> post(client, kind, binding, VALID.getBytes(StandardCharsets.UTF_8))));
    }
    loops.execute(() -> repeat("oversized", kind -> post(abuser, kind, "ses", OVERSIZED)));
    loops.execute(
        () ->
            repeat(
                "malformed",
                kind -> post(abuser, kind, "ses", MALFORMED.getBytes(StandardCharsets.UTF_8))));
    loops.execute(() -> misbehave("stalled body", 64, this::stallBody));
    loops.execute(() -> misbehave("trickled headers", 16, this::trickleHeaders));
    loops.execute(this::clearOutboxNow);
    loops.shutdown();
    loops.awaitTermination(1, TimeUnit.DAYS);
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((key, value) -> sorted.put(key, value.get()));
    long validErrors =
        sorted.entrySet().stream()
            .filter(e -> e.getKey().startsWith("valid ") && !e.getKey().endsWith(" 200"))
            .mapToLong(Map.Entry::getValue)
            .sum();
    sorted.forEach((key, value) -> System.out.println(key + ": " + value));
    System.out.println("errors on valid requests: " + validErrors);
  }

  private interface Step {
    void run(String kind) throws Exception;
  }

  private void repeat(String kind, Step step) {
    while (running()) {
      try {
        step.run(kind);
      } catch (Exception e) {
        count(kind + " client saw " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
        if (kind.startsWith("valid ")) {
          System.out.println(Instant.now() + " " + kind + ": " + e);
        }
      }
    }
  }

  private void post(HttpClient sender, String kind, String binding, byte[] body) throws Exception {
    HttpResponse<Void> response =
        sender.send(
            HttpRequest.newBuilder(base.resolve("/v1.0/bindings/" + binding))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    count(kind + " " + response.statusCode());
  }

  /** Keeps up to {@code open} such connections, opening one every 200 ms; each ends as it ends. */
  private void misbehave(String kind, int open, Step connection) {
    ExecutorService held = Executors.newFixedThreadPool(open);
    Semaphore places = new Semaphore(open);
    while (running()) {
      if (places.tryAcquire()) {
        held.execute(
            () -> {
              try {
                connection.run(kind);
              } catch (Exception e) {
                count(kind + " client saw " + e.getClass().getSimpleName());
              } finally {
                places.release();
              }
            });
      }
      sleep(200);
    }
    held.shutdown();
    try {
      held.awaitTermination(3, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Headers and half a body, then nothing: the server answers 408 and closes. */
  private void stallBody(String kind) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1.0/bindings/ses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n"
                  + "{\"operation\":")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      count(kind + " " + statusOf(socket.getInputStream()));
    }
  }

  /** A header byte every 500 ms, for two minutes at most: the server closes the connection. */
  private void trickleHeaders(String kind) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /v1.0/bindings/ses HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      try {
        for (int i = 0; i < 240; i++) {
          out.write('X');
          out.flush();
          sleep(500);
        }
        count(kind + " never closed");
      } catch (IOException e) {
        count(kind + " closed");
      }
    }
  }

  private static String statusOf(InputStream in) throws IOException {
    byte[] line = in.readNBytes(12);
    return line.length < 12 ? "closed" : new String(line, 9, 3, StandardCharsets.US_ASCII);
  }

  /** Empties the outbox once a minute, as a developer would, so that it cycles. */
  private void clearOutboxNow() {
    while (running()) {
      sleep(60_000);
      try {
        client.send(
            HttpRequest.newBuilder(base.resolve("/v1.0/outbox/outbox")).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        count("client error clear " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
