package dev.sesbinding.server;

import static dev.sesbinding.server.TestServer.VALID_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.Await;
import dev.sesbinding.testing.FaultySes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server under load against the SES stub, in this JVM: 50,000 requests from 256 connections all
 * succeed and leave no heap behind, and a server whose in-flight limit is below the concurrency
 * answers the rest with 429.
 */
class LoadIT {
  private static final Buffer REQUEST = Buffer.buffer(VALID_REQUEST);
  private static final int CONCURRENCY = 256;
  private static final long HEAP_GROWTH_BOUND = 16L << 20;

  @Test
  void fiftyThousandRequestsAt256AllSucceedAndLeaveNoHeapBehind(@TempDir Path folder)
      throws Exception {
    try (FaultySes ses = FaultySes.start();
        TestServer server =
            TestServer.start(
                folder,
                Map.of(),
                List.of(TestServer.sesComponent("ses", ses.endpoint().toString())))) {
      Map<Integer, Integer> warmUp = drive(server, 5_000);
      assertThat(warmUp).containsOnlyKeys(200);
      long heapBefore = heapAfterFullGc();
      long started = System.nanoTime();

      Map<Integer, Integer> statuses = drive(server, 50_000);

      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      long heapAfter = heapAfterFullGc();
      System.out.printf(
          "LoadIT: 50,000 requests at %d connections in %d ms; heap after full GC %d -> %d KiB%n",
          CONCURRENCY, elapsedMillis, heapBefore >> 10, heapAfter >> 10);
      assertThat(statuses).as("status -> count").containsExactly(Map.entry(200, 50_000));
      assertThat(ses.attempts()).isEqualTo(55_000);
      assertThat(heapAfter - heapBefore)
          .as("heap growth after a full GC (before %d, after %d bytes)", heapBefore, heapAfter)
          .isLessThan(HEAP_GROWTH_BOUND);
      Await.until(() -> server.server.inFlight() == 0, "nothing in flight");
    }
  }

  @Test
  void concurrencyOverTheInFlightLimitIsAnswered429WithRetryAfter(@TempDir Path folder)
      throws Exception {
    try (FaultySes ses = FaultySes.start();
        TestServer server =
            TestServer.start(
                folder,
                Map.of(),
                List.of(TestServer.sesComponent("ses", ses.endpoint().toString())),
                "--max-in-flight",
                "32")) {
      ses.delay(Duration.ofMillis(20));

      Map<Integer, Integer> statuses = drive(server, 5_000);

      System.out.printf(
          "LoadIT: in-flight limit 32 at %d connections: %s%n", CONCURRENCY, statuses);
      assertThat(statuses).containsOnlyKeys(200, 429);
      assertThat(statuses.get(429)).isPositive();
      assertThat(ses.attempts())
          .as("every 200 was one send, no 429 reached SES")
          .isEqualTo(statuses.get(200));
      Await.until(() -> server.server.inFlight() == 0, "nothing in flight");
    }
  }

  /**
   * Sends {@code total} valid requests from {@link #CONCURRENCY} connections, each sending its next
   * request when the last is answered. Checks every 429 carries {@code Retry-After} and Dapr's
   * error; counts answers by status.
   */
  private static Map<Integer, Integer> drive(TestServer server, int total) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client =
          WebClient.create(
              vertx,
              new WebClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(server.server.port()),
              new PoolOptions().setHttp1MaxSize(CONCURRENCY));
      Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
      AtomicInteger started = new AtomicInteger();
      LongAdder badRetryAfter = new LongAdder();
      Promise<Void> done = Promise.promise();
      AtomicInteger loopsRunning = new AtomicInteger(CONCURRENCY);
      for (int i = 0; i < CONCURRENCY; i++) {
        vertx.runOnContext(
            ignored ->
                sendNext(
                    client,
                    total,
                    started,
                    statuses,
                    badRetryAfter,
                    () -> {
                      if (loopsRunning.decrementAndGet() == 0) {
                        done.complete();
                      }
                    }));
      }
      done.future().await(120, TimeUnit.SECONDS);
      assertThat(badRetryAfter.sum()).as("429s without Retry-After: 1 and Dapr's error").isZero();
      Map<Integer, Integer> counts = new java.util.TreeMap<>();
      statuses.forEach((status, count) -> counts.put(status, count.intValue()));
      return counts;
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void sendNext(
      WebClient client,
      int total,
      AtomicInteger started,
      Map<Integer, LongAdder> statuses,
      LongAdder badRetryAfter,
      Runnable loopEnded) {
    if (started.incrementAndGet() > total) {
      loopEnded.run();
      return;
    }
    Future<HttpResponse<Buffer>> answer = client.post("/v1.0/bindings/ses").sendBuffer(REQUEST);
    answer.onComplete(
        result -> {
          int status = result.succeeded() ? result.result().statusCode() : -1;
          statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
          if (status == 429
              && !("1".equals(result.result().getHeader("Retry-After"))
                  && result.result().bodyAsString().contains("too many requests in flight"))) {
            badRetryAfter.increment();
          }
          sendNext(client, total, started, statuses, badRetryAfter, loopEnded);
        });
  }

  private static long heapAfterFullGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
