package dev.sesbinding.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sesbinding.testing.MotoServer;
import dev.sesbinding.testing.RedisServer;
import dev.sesbinding.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idempotencyStore: redis}: two server processes (the built jar) sharing one real Redis and
 * one moto send each key's email once between them; with Redis stopped nothing is sent unprotected,
 * and when it is back they recover without a restart.
 */
class IdempotencyRedisIT {
  private static final String PASSWORD = "r3dis-Secret-Value";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension static final MotoServer MOTO = MotoServer.create();
  @TempDir static Path folder;
  private static RedisServer redis;
  private static final List<ServerProcess> SERVERS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> binary = RedisServer.binary();
    Assumptions.assumeTrue(binary.isPresent(), RedisServer.missing());
    redis = RedisServer.start(binary.get(), PASSWORD);
    MOTO.verifySender("from@example.com");
    List<String> pairs = new ArrayList<>();
    MOTO.componentMetadata(
            Map.of(
                "emailFrom",
                "from@example.com",
                "idempotencyStore",
                "redis",
                "redisHost",
                redis.hostAndPort(),
                "redisPassword",
                PASSWORD))
        .forEach(
            (key, value) -> {
              pairs.add(key);
              pairs.add(value);
            });
    Files.writeString(
        folder.resolve("shared.yaml"),
        TestServer.component("shared", pairs.toArray(String[]::new)));
    for (int i = 0; i < 2; i++) {
      SERVERS.add(
          ServerProcess.start(
              ServerProcess.jarCommand(
                  Readme.ROOT.resolve("server/target/ses-binding-server.jar"), folder, List.of()),
              ServerProcess.SES_BINDING_READY));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServerProcess server : SERVERS) {
      server.terminate(Duration.ofSeconds(30));
      server.close();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  private static CompletableFuture<HttpResponse<String>> send(
      ServerProcess server, String key, String subject) {
    String body =
        "{\"operation\":\"create\",\"data\":\"<p>Receipt</p>\",\"metadata\":{\"emailTo\":"
            + "\"ana@example.com\",\"subject\":\""
            + subject
            + "\",\"idempotencyKey\":\""
            + key
            + "\"}}";
    return HTTP.sendAsync(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/v1.0/bindings/shared"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int sent(String subjectPrefix) {
    return (int)
        MOTO.sentMessages().stream().filter(m -> m.subject().startsWith(subjectPrefix)).count();
  }

  @Test
  void twoReplicasSharingRedisSendEachOfTwentyKeysOnceAcross200Calls() throws Exception {
    String run = UUID.randomUUID().toString();
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(send(SERVERS.get(i % 2), run + "-" + i % 20, "Shared " + run + " " + i % 20));
    }

    Map<Integer, Set<String>> bodiesByKey = new TreeMap<>();
    for (int i = 0; i < calls.size(); i++) {
      HttpResponse<String> answer = calls.get(i).join();
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      bodiesByKey.computeIfAbsent(i % 20, k -> new HashSet<>()).add(answer.body());
    }

    assertThat(sent("Shared " + run)).isEqualTo(20);
    assertThat(bodiesByKey).hasSize(20).allSatisfy((key, bodies) -> assertThat(bodies).hasSize(1));
    for (ServerProcess server : SERVERS) {
      assertThat(server.output()).noneMatch(line -> line.contains(PASSWORD));
    }
  }

  @Test
  void withRedisDownNothingIsSentAndTheReplicasRecoverWhenItIsBack() throws Exception {
    String run = UUID.randomUUID().toString();
    redis.stop();
    HttpResponse<String> down;
    try {
      down = send(SERVERS.get(0), run, "Outage " + run).join();
    } finally {
      redis.start();
    }

    assertThat(down.statusCode()).isEqualTo(502);
    assertThat(down.body())
        .contains("the idempotency store of component shared cannot be reached")
        .doesNotContain(PASSWORD);
    assertThat(sent("Outage " + run)).isZero();
    HttpResponse<String> back = send(SERVERS.get(1), run, "Outage " + run).join();
    HttpResponse<String> replay = send(SERVERS.get(0), run, "Outage " + run).join();
    assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
    assertThat(replay.body()).isEqualTo(back.body());
    assertThat(replay.headers().firstValue("Metadata.idempotencyReplay")).contains("true");
    assertThat(sent("Outage " + run)).isEqualTo(1);
  }
}
