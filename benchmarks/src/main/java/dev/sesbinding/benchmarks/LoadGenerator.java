package dev.sesbinding.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Drives a running server at a fixed concurrency for a fixed count of {@code create} requests
 * (after a warm-up), and prints one table row: requests per second, latency percentiles, errors,
 * the server's CPU seconds per 10,000 emails and its peak RSS (both read from the server process's
 * own counters, so this generator's cost does not count).
 *
 * <p>{@code java -cp benchmarks.jar dev.sesbinding.benchmarks.LoadGenerator <url> <binding>
 * <concurrency> <count> <server pid[,pid...]> [warmup]}; with {@code -DidempotencyKeys=PREFIX}
 * every request carries an {@code idempotencyKey} of its own ({@code PREFIX-<n>}), as a client that
 * makes each send idempotent does.
 */
public final class LoadGenerator {
  static final String BODY =
      "{\"operation\":\"create\",\"data\":\""
          + SendFixture.BODY.replace("\"", "\\\"")
          + "\",\"metadata\":{\"emailTo\":\"ana@example.com;ben@example.com;cleo@example.com\",\"emailCc\":"
          + "\"ops@example.com\",\"subject\":\"Your order 12345 has shipped\"}}";

  private static final java.util.concurrent.atomic.AtomicInteger ROUNDS =
      new java.util.concurrent.atomic.AtomicInteger();

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    String binding = args[1];
    int concurrency = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    long[] pids = Arrays.stream(args[4].split(",", -1)).mapToLong(Long::parseLong).toArray();
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : Math.min(count, 5_000);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort())
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(concurrency));
    String path = "/v1.0/bindings/" + binding;
    try {
      run(client, path, concurrency, bodies(warmup), new long[warmup]);
      Buffer[] bodies = bodies(count);
      double cpuBefore = ProcessStats.cpuSeconds(pids);
      long[] latencies = new long[count];
      long started = System.nanoTime();
      int errors = run(client, path, concurrency, bodies, latencies);
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpu = ProcessStats.cpuSeconds(pids) - cpuBefore;
      printRow(concurrency, count, seconds, latencies, errors, cpu, pids);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The bodies of {@code count} requests: the same one, or with {@code -DidempotencyKeys=PREFIX}
   * each with a key of its own. Made before the clock starts: the client's own work must not differ
   * between the runs compared, as it shares the machine's cores with the server.
   */
  private static Buffer[] bodies(int count) {
    String keys = System.getProperty("idempotencyKeys");
    if (keys == null) {
      Buffer[] same = new Buffer[count];
      Arrays.fill(same, Buffer.buffer(BODY));
      return same;
    }
    int round = ROUNDS.incrementAndGet();
    Buffer[] bodies = new Buffer[count];
    for (int i = 0; i < count; i++) {
      bodies[i] =
          Buffer.buffer(
              BODY.replace(
                  "\"metadata\":{",
                  "\"metadata\":{\"idempotencyKey\":\"" + keys + "-" + round + "-" + i + "\","));
    }
    return bodies;
  }

  /**
   * Sends {@code bodies}, {@code concurrency} at a time, recording each latency; returns the
   * answers that were not 2xx (daprd's own binding answers 204, the others 200).
   */
  private static int run(
      WebClient client, String path, int concurrency, Buffer[] bodies, long[] latencies)
      throws InterruptedException {
    return ClosedLoop.run(
        concurrency,
        bodies.length,
        index -> {
          long start = System.nanoTime();
          return client
              .post(path)
              .putHeader("Content-Type", "application/json")
              .sendBuffer(bodies[index])
              .map(
                  response -> {
                    latencies[index] = System.nanoTime() - start;
                    return response.statusCode() / 100 == 2;
                  })
              .toCompletionStage();
        });
  }

  /**
   * One table row: concurrency, count, requests/s, p50/p99/p99.9 ms, errors, server CPU s per
   * 10,000, server peak RSS MiB.
   */
  static void printRow(
      int concurrency,
      int count,
      double seconds,
      long[] latencies,
      int errors,
      double cpu,
      long[] pids)
      throws java.io.IOException {
    Arrays.sort(latencies);
    System.out.printf(
        "| %d | %,d | %,.0f | %.2f | %.2f | %.2f | %d | %.2f | %.0f |%n",
        concurrency,
        count,
        count / seconds,
        millis(latencies, 0.50),
        millis(latencies, 0.99),
        millis(latencies, 0.999),
        errors,
        cpu * 10_000 / count,
        ProcessStats.peakRssMib(pids));
  }

  private static double millis(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
