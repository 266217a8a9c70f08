package dev.sesbinding.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.core.InvokeResponse;
import dev.sesbinding.serving.ServingLimits;
import dev.sesbinding.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * No stream of requests holds the server: stalled bodies, trickled headers, idle connections,
 * bodies past the limit and more connections than allowed are each bounded in time, bytes or count,
 * while well-behaved requests keep getting their 200. Raw sockets play the misbehaving clients;
 * deadlines are checked with generous upper bounds only.
 */
class ResourceBoundsIT {
  private static final String PATH = "/v1.0/bindings/mail";
  private static final String VALID =
      "{\"operation\":\"create\",\"data\":\"\\\"hi\\\"\",\"metadata\":{}}";
  private final Vertx vertx = Vertx.vertx();
  private final List<RawConnection> raw = new ArrayList<>();
  private BindingsVerticle verticle;
  private WebClient client;

  private int start(UnaryOperator<ServingLimits.Builder> limits) throws Exception {
    ScriptedBinding answersAtOnce =
        new ScriptedBinding(
            () ->
                CompletableFuture.completedFuture(
                    new InvokeResponse(
                        "{\"messageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8), Map.of())));
    verticle =
        ScriptedBinding.verticle(
            Map.of("mail", answersAtOnce),
            limits
                .apply(
                    ServingLimits.builder()
                        .maxBodySize(64 << 10)
                        .maxBufferedBytes(1 << 20)
                        .readTimeout(Duration.ofSeconds(1))
                        .idleTimeout(Duration.ofSeconds(2)))
                .build());
    vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
    client =
        WebClient.create(
            vertx,
            new io.vertx.ext.web.client.WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(verticle.actualPort()),
            new PoolOptions().setHttp1MaxSize(32));
    return verticle.actualPort();
  }

  private RawConnection connect() throws IOException {
    RawConnection connection = new RawConnection(verticle.actualPort());
    raw.add(connection);
    return connection;
  }

  /** {@code count} well-behaved requests at once; their statuses. */
  private List<Integer> validRequests(int count) throws Exception {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(client.post(PATH).sendBuffer(Buffer.buffer(VALID)));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<Buffer>> response : sent) {
      statuses.add(response.await(30, TimeUnit.SECONDS).statusCode());
    }
    return statuses;
  }

  @AfterEach
  void stop() throws Exception {
    for (RawConnection connection : raw) {
      connection.close();
    }
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void stalledBodiesAtAndBeyondTheInFlightLimitLeaveRoomForOthers() throws Exception {
    start(options -> options.maxInFlight(4).readTimeout(Duration.ofSeconds(30)));
    for (int i = 0; i < 12; i++) { // three times the in-flight limit
      connect().send(RawConnection.postHeaders(PATH, 1000) + "{\"operation\"");
    }
    Await.until(() -> verticle.bufferedBytes() == 12_000, "every stalled body reserved its bytes");

    List<Integer> statuses = validRequests(20);

    assertThat(statuses).as("well-behaved requests beside 12 stalled ones").containsOnly(200);
    assertThat(verticle.inFlight()).as("a stalled body takes no in-flight place").isZero();
  }

  @Test
  void stalledBodyIsAnswered408AndItsConnectionClosed() throws Exception {
    start(options -> options);
    RawConnection stalled = connect();
    stalled.send(RawConnection.postHeaders(PATH, 1000) + "{\"operation\"");

    RawConnection.Answer answer = stalled.read(Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(408);
    assertThat(new JsonObject(answer.body()).getString("errorCode"))
        .isEqualTo("ERR_REQUEST_TIMEOUT");
    assertThat(new JsonObject(answer.body()).getString("message"))
        .isEqualTo("the request body did not arrive within 1000 ms (--read-timeout)");
    assertThat(stalled.closedWithin(Duration.ofSeconds(5))).isTrue();
    Await.until(() -> verticle.bufferedBytes() == 0, "the stalled body's bytes are free again");
  }

  @Test
  void tricklingHeadersAreClosedAtTheReadTimeout() throws Exception {
    start(options -> options.idleTimeout(Duration.ofSeconds(30))); // the read timeout alone
    RawConnection slowloris = connect();
    slowloris.send("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    AtomicLong sent = new AtomicLong();
    Thread trickle =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 100; i++) { // one header byte every 100 ms, 10 s at most
                  slowloris.send("X");
                  sent.incrementAndGet();
                  Thread.sleep(100);
                }
              } catch (IOException | InterruptedException e) {
                // the server closed the connection: what the test waits for
              }
            });
    trickle.start();

    boolean closed = slowloris.closedWithin(Duration.ofSeconds(6));
    trickle.interrupt();
    trickle.join(5000);

    assertThat(closed).as("closed while it still trickled header bytes").isTrue();
    assertThat(sent.get()).as("header bytes sent before the close").isLessThan(60);
  }

  @Test
  void newConnectionThatSendsNothingIsClosed() throws Exception {
    start(options -> options.idleTimeout(Duration.ofSeconds(30))); // the read timeout alone

    assertThat(connect().closedWithin(Duration.ofSeconds(6))).isTrue();
  }

  @Test
  void keptAliveConnectionIsClosedWhenIdle() throws Exception {
    start(options -> options.idleTimeout(Duration.ofSeconds(2)));
    RawConnection keptAlive = connect();
    keptAlive.send(RawConnection.post(PATH, VALID));
    assertThat(keptAlive.read(Duration.ofSeconds(10)).status()).isEqualTo(200);
    long answered = System.nanoTime();

    boolean closed = keptAlive.closedWithin(Duration.ofSeconds(8));

    assertThat(closed).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered))
        .as("idle for about the idle timeout (2 s), not closed at once")
        .isGreaterThan(1000);
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnceAndRoomReturns() throws Exception {
    start(options -> options.maxConnections(5).readTimeout(Duration.ofSeconds(30)));
    for (int i = 0; i < 5; i++) {
      connect();
    }
    Await.until(() -> verticle.openConnections() == 5, "five connections are open");

    RawConnection extra = connect();

    assertThat(extra.closedWithin(Duration.ofSeconds(5))).as("the sixth is closed").isTrue();
    raw.get(0).close();
    Await.until(() -> verticle.openConnections() == 4, "one connection was closed");
    assertThat(validRequests(1)).containsExactly(200);
  }

  @Test
  void chunkedBodyPastTheLimitIs413ThenTheConnectionCloses() throws Exception {
    start(options -> options);
    RawConnection chunked = connect();
    chunked.send(
        "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
    AtomicLong written = new AtomicLong();
    byte[] chunk = ("2000\r\n" + "x".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 65_536; i++) { // 512 MiB at most
                  chunked.send(chunk);
                  written.addAndGet(0x2000);
                }
              } catch (IOException e) {
                // the server closed the connection: what the test waits for
              }
            });
    writer.start();

    RawConnection.Answer answer = chunked.read(Duration.ofSeconds(10));
    boolean closed = chunked.closedWithin(Duration.ofSeconds(10));
    writer.join(10_000);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.header("connection")).isEqualTo("close");
    assertThat(closed).isTrue();
    assertThat(writer.isAlive()).as("the writer met a closed connection").isFalse();
    assertThat(written.get()).as("bytes sent before the close").isLessThan(64L << 20);
  }

  @Test
  void declaredBodyPastTheLimitIs413BeforeAnyOfItIsRead() throws Exception {
    start(options -> options);
    RawConnection large = connect();
    large.send(RawConnection.postHeaders(PATH, 10L << 20));

    RawConnection.Answer answer = large.read(Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(new JsonObject(answer.body()).getString("errorCode"))
        .isEqualTo("ERR_MALFORMED_REQUEST");
    assertThat(large.closedWithin(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void bodiesBeyondTheByteBudgetAre429WithRetryAfterUntilBytesAreFree() throws Exception {
    start(
        options ->
            options
                .maxBodySize(64 << 10)
                .maxBufferedBytes(256 << 10)
                .readTimeout(Duration.ofSeconds(30)));
    List<RawConnection> holders = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // 4 x 64 KiB declared: the whole budget
      RawConnection holder = connect();
      holder.send(RawConnection.postHeaders(PATH, 64 << 10) + "{");
      holders.add(holder);
    }
    Await.until(() -> verticle.bufferedBytes() == 256 << 10, "the budget is reserved");

    RawConnection refused = connect();
    refused.send(RawConnection.post(PATH, VALID));
    RawConnection.Answer answer = refused.read(Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(429);
    assertThat(answer.header("retry-after")).isEqualTo("1");
    assertThat(new JsonObject(answer.body()).getString("message"))
        .isEqualTo(
            "error invoking output binding mail: too many request bytes held at once (limit 262144,"
                + " --max-buffered-bytes); retry later");
    for (RawConnection holder : holders) {
      holder.close();
    }
    Await.until(() -> verticle.bufferedBytes() == 0, "closed connections free their bytes");
    assertThat(validRequests(4)).containsOnly(200);
  }

  @Test
  void requestLineTooLongIs414AsDaprErrorJson() throws Exception {
    start(options -> options);
    RawConnection connection = connect();
    connection.send("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    RawConnection.Answer answer = connection.read(Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(414);
    assertThat(new JsonObject(answer.body()).getString("errorCode"))
        .isEqualTo("ERR_MALFORMED_REQUEST");
  }

  @Test
  void headersTooLargeAre431AsDaprErrorJson() throws Exception {
    start(options -> options);
    RawConnection connection = connect();
    connection.send(
        "GET /v1.0/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
            + "b".repeat(20_000)
            + "\r\n\r\n");

    RawConnection.Answer answer = connection.read(Duration.ofSeconds(10));

    assertThat(answer.status()).isEqualTo(431);
    assertThat(new JsonObject(answer.body()).getString("message"))
        .isEqualTo("the request headers are larger than the server reads");
  }
}
