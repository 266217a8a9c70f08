package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.FaultySes;
import dev.sesbinding.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar with the README's own JVM flags ({@code -Xmx160m}) under a stream of bodies of the
 * largest size allowed (4 MiB), to an outbox and to SES (a stub), 16 at once: every answer is 200
 * or a 429 with {@code Retry-After}; no {@code OutOfMemoryError}, no 500, and never a 400 for these
 * valid requests. After it, the largest body to each binding, one at a time, gets its 200.
 */
class ReadmeFlagsUnderLoadIT {
  private static final Path JAR = Readme.ROOT.resolve("server/target/ses-binding-server.jar");
  private static final int REQUESTS = 96;
  private static final int CONCURRENCY = 16;
  private static final int MAX_BODY = 4 << 20;

  @TempDir Path folder;
  private FaultySes ses;
  private ServerProcess server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.terminate(Duration.ofSeconds(30));
      server.close();
    }
    if (ses != null) {
      ses.close();
    }
  }

  /** A valid request whose body is exactly the largest allowed. */
  private static String largestRequest() {
    String head = "{\"operation\":\"create\",\"data\":\"<p>";
    String tail = "</p>\",\"metadata\":{\"emailTo\":\"to@example.com\",\"subject\":\"Large\"}}";
    return head + "x".repeat(MAX_BODY - head.length() - tail.length()) + tail;
  }

  @Test
  void largestBodiesAreAnswered200Or429AndNeverRunTheHeapOut() throws Exception {
    ses = FaultySes.start();
    ses.succeed();
    Files.writeString(folder.resolve("outbox.yaml"), TestServer.outboxComponent("outbox"));
    Files.writeString(
        folder.resolve("ses.yaml"), TestServer.sesComponent("ses", ses.endpoint().toString()));
    server =
        ServerProcess.start(
            ServerProcess.jarCommand(JAR, folder, Readme.jvmFlags()),
            ServerProcess.SES_BINDING_READY);
    URI base = URI.create("http://127.0.0.1:" + server.port());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String body = largestRequest();
    assertThat(body.length()).isEqualTo(MAX_BODY);

    Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger withoutRetryAfter = new AtomicInteger();
    ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
    List<Future<?>> sent = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String binding = i % 2 == 0 ? "outbox" : "ses";
      sent.add(
          senders.submit(
              () -> {
                HttpResponse<String> response =
                    client.send(
                        HttpRequest.newBuilder(base.resolve("/v1.0/bindings/" + binding))
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses
                    .computeIfAbsent(
                        binding + " " + response.statusCode(), key -> new AtomicInteger())
                    .incrementAndGet();
                if (response.statusCode() == 429
                    && response.headers().firstValue("Retry-After").isEmpty()) {
                  withoutRetryAfter.incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> request : sent) {
      request.get(5, TimeUnit.MINUTES);
    }
    senders.shutdown();

    Map<String, Integer> counted = new TreeMap<>();
    statuses.forEach((key, count) -> counted.put(key, count.get()));
    assertThat(counted.keySet())
        .as("statuses per binding: %s", counted)
        .allMatch(key -> key.endsWith(" 200") || key.endsWith(" 429"))
        .anyMatch(key -> key.endsWith(" 200"));
    assertThat(counted.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    assertThat(withoutRetryAfter).as("429s without Retry-After").hasValue(0);
    assertThat(server.output()).noneMatch(line -> line.contains("OutOfMemoryError"));
    for (String binding : List.of("outbox", "ses")) { // one at a time, each gets its place
      HttpResponse<String> after =
          client.send(
              HttpRequest.newBuilder(base.resolve("/v1.0/bindings/" + binding))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode())
          .as("the largest body to %s after the storm", binding)
          .isEqualTo(200);
    }
    System.out.println(
        "README flags, " + REQUESTS + " bodies of 4 MiB at " + CONCURRENCY + ": " + counted);
  }
}
